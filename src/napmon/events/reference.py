"""Reference data the app seeds: spellings of Pakistan's units, and the actor registry.

Pure data; ``napmon.events.services.seed_reference_data`` writes it to the
database. Citations are text (title + locator) until the indicators app's
``Source`` model can be referenced.
"""

from __future__ import annotations

BASIT = (
    "Abdul Basit, 'Critical Evaluation of the National Action Plan (NAP)' "
    "(seed document 000_eccdbcf9810f3fc6.txt)"
)
REVISED_NAP = (
    "'Pakistan's National Action Plan (NAP) against terrorism: revised into a 14-point "
    "framework after 2021' (seed document 004_45382ba01033e0e6.txt)"
)

# Unit code -> the spellings sources use besides the ISO name.
UNIT_ALIASES: dict[str, tuple[str, ...]] = {
    "PK": ("Pakistan", "PAK", "Islamic Republic of Pakistan"),
    "PK-PB": ("Punjab", "Panjab", "Punjab Province"),
    "PK-SD": ("Sindh", "Sind", "Sindh Province"),
    "PK-KP": (
        "Khyber Pakhtunkhwa",
        "Khyber Pakhtunkwa",
        "Khyber Pakhtoonkhwa",
        "Khyber Pukhtunkhwa",
        "Khyber-Pakhtunkhwa",
        "KP",
        "KPK",
        "K.P.K.",
        "NWFP",
        "N.W.F.P.",
        "North-West Frontier Province",
        "North West Frontier Province",
        "North-West Frontier",
    ),
    "PK-BA": ("Balochistan", "Baluchistan", "Balochistan Province"),
    "PK-GB": ("Gilgit-Baltistan", "Gilgit Baltistan", "GB", "Northern Areas"),
    "PK-JK": (
        "Azad Jammu and Kashmir",
        "Azad Jammu & Kashmir",
        "Azad Kashmir",
        "AJK",
        "AJ&K",
    ),
    "PK-IS": (
        "Islamabad Capital Territory",
        "Islamabad",
        "ICT",
        "Capital",
        "Federal",
        "Federal Capital",
        "Federal Capital Territory",
        "Islamabad Capital",
    ),
    "PK-TA": (
        "Federally Administered Tribal Areas",
        "Federally Administered Tribal Area",
        "FATA",
        "Fata",
        "Tribal Areas",
        "Tribal Area",
    ),
}

# name, short name, aliases, proscription (iso date, precision) or None, citation
ACTORS: tuple[dict, ...] = (
    {
        "name": "Tehrik-i-Taliban Pakistan",
        "short_name": "TTP",
        "aliases": (
            "Tehrik-i-Taliban Pakistan (TTP)",
            "Tehrik-e-Taliban Pakistan",
            "Tehreek-e-Taliban Pakistan",
            "Tehreek-i-Taliban Pakistan",
            "TTP",
            "TTP: Tehreek-i-Taliban Pakistan",
            "Pakistani Taliban",
        ),
        "source_citation": f"{BASIT}, line 19 (Introduction) and line 121",
    },
    {
        "name": "Jamaat-ul-Ahrar",
        "short_name": "JuA",
        "aliases": ("Jamaat-ul-Ahrar (JuA)", "Jamaat ul Ahrar", "Jamat-ul-Ahrar", "JuA"),
        "source_citation": f"{BASIT}, line 121",
    },
    {
        "name": "Hizb-ul-Ahrar",
        "short_name": "HuA",
        "aliases": ("Hizb-ul-Ahrar (HuA)", "Hizbul Ahrar", "Hizb ul Ahrar", "HuA"),
        "source_citation": f"{BASIT}, line 121",
    },
    {
        "name": "Islamic State of Khorasan",
        "short_name": "ISKP",
        "aliases": (
            "Islamic State Khorasan Province",
            "Khorasan Chapter of the Islamic State",
            "Islamic State of Khorasan (ISK)",
            "ISKP",
            "ISK",
            "IS-K",
            "ISIS-K",
        ),
        "source_citation": f"{BASIT}, line 19 (Introduction) and line 121",
    },
    {
        "name": "Lashkar-e-Jhangvi",
        "short_name": "LeJ",
        "aliases": ("Lashkar-e-Jhangvi (LeJ)", "Lashkar-i-Jhangvi", "Lashkar e Jhangvi", "LeJ"),
        "source_citation": f"{BASIT}, line 19 (Introduction)",
    },
    {
        "name": "Zainbiyoun Brigade",
        "short_name": "",
        "aliases": ("Zainabiyoun Brigade", "Zainebiyoun Brigade", "Liwa Zainebiyoun"),
        "proscribed": ("2024-01-01", "year"),
        "source_citation": f"{REVISED_NAP}, line 38 (Point no. 3)",
    },
    {
        "name": "Hafiz Gul Bahadur Group",
        "short_name": "HGB",
        "aliases": ("Hafiz Gul Bahadur", "Gul Bahadur Group"),
        "proscribed": ("2024-01-01", "year"),
        "source_citation": f"{REVISED_NAP}, line 38 (Point no. 3)",
    },
    {
        "name": "Majeed Brigade",
        "short_name": "",
        "aliases": ("Majid Brigade", "BLA Majeed Brigade"),
        "proscribed": ("2024-01-01", "year"),
        "source_citation": f"{REVISED_NAP}, line 38 (Point no. 3)",
    },
)

# (subject short/name, kind, object short/name, start date or None, citation, note)
RELATIONS: tuple[tuple, ...] = (
    (
        "Jamaat-ul-Ahrar",
        "splinter_of",
        "Tehrik-i-Taliban Pakistan",
        "2014-08-01",
        f"{BASIT}, line 121",
        "Emerged as Zarb-e-Azb disintegrated TTP (month of formation is approximate).",
    ),
    (
        "Hizb-ul-Ahrar",
        "splinter_of",
        "Jamaat-ul-Ahrar",
        None,
        f"{BASIT}, line 121",
        "Splinter of JuA, itself a TTP splinter.",
    ),
    (
        "Islamic State of Khorasan",
        "splinter_of",
        "Tehrik-i-Taliban Pakistan",
        None,
        f"{BASIT}, line 19 (Introduction)",
        "The paper: splinter groups of TTP, LeJ and JuA banded together to form ISK.",
    ),
)
