"""On PostgreSQL, the database itself refuses to change or delete audit entries.

The Python model already refuses; the trigger also stops raw SQL, the admin of a
careless script, or another program sharing the database. One exception: when a
user is deleted, Django sets ``actor_id`` to NULL (the entry keeps ``actor_label``),
and that single change is allowed so deleting a user stays possible. TRUNCATE is
not blocked: it needs table ownership, which the test suite's flush uses; production
should run the application as a role that does not own the tables.

SQLite has no equivalent worth the complexity; there the migration does nothing.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION napmon_audit_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.actor_id IS NULL
       AND (NEW.id, NEW.timestamp, NEW.actor_label, NEW.action, NEW.object_type,
            NEW.object_id, NEW.object_repr, NEW.changes)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.timestamp, OLD.actor_label, OLD.action, OLD.object_type,
            OLD.object_id, OLD.object_repr, OLD.changes)
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'The audit log is append-only: % refused on core_auditentry', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS napmon_audit_append_only ON core_auditentry;
CREATE TRIGGER napmon_audit_append_only
    BEFORE UPDATE OR DELETE ON core_auditentry
    FOR EACH ROW EXECUTE FUNCTION napmon_audit_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS napmon_audit_append_only ON core_auditentry;
DROP FUNCTION IF EXISTS napmon_audit_append_only();
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            # params=None: the SQL contains % signs that are not placeholders.
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0002_ops_models")]

    operations = [
        migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP), elidable=False),
    ]
