"""Business logic of the API app: tokens, record queries, exports and release snapshots."""
