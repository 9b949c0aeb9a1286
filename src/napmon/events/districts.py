"""Pakistan's districts as the event datasets name them (pure data).

Filled from what the datasets record: UCDP GED's ``adm_2`` names (e.g. "Peshawar
District", "Bajaur Agency", "FR Kohat") and the district towns GTD gives as ``city``.
Each entry is ``(province code, district name, aliases)``; the lookup also ignores the
words "district" and "agency", so "Quetta District" finds Quetta without an alias.

The former FATA agencies became Khyber Pakhtunkhwa districts of the same name in 2018
(25th Amendment), and each frontier region became a subdivision of the district next to
it (FR Peshawar: Hassan Khel, Peshawar; FR Kohat: Darra Adam Khel, Kohat; FR Bannu:
Wazir, Bannu; FR Lakki Marwat: Bettani, Lakki Marwat; FR Tank: Jandola, Tank; FR Dera
Ismail Khan: Darazinda, Dera Ismail Khan). They are listed under KP with
``FORMER_FATA`` naming the FATA unit they came from. South Waziristan is kept whole
(its 2022 split into Upper and Lower postdates the data). Karachi is one entry: UCDP
records "Karachi District" for the whole city, whose districts changed several times.
"""

from __future__ import annotations

# Words a source appends to a district's name; stripped before looking it up.
SUFFIXES = ("district", "distrcit", "agency", "tehsil")

DISTRICTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    # Azad Jammu and Kashmir
    ("PK-JK", "Bagh", ()),
    ("PK-JK", "Bhimber", ()),
    ("PK-JK", "Hattian Bala", ("Jhelum Valley",)),
    ("PK-JK", "Kotli", ()),
    ("PK-JK", "Mirpur", ()),
    ("PK-JK", "Muzaffarabad", ()),
    ("PK-JK", "Neelam", ("Neelum",)),
    ("PK-JK", "Poonch", ("Rawalakot",)),
    ("PK-JK", "Haveli", ()),
    ("PK-JK", "Sudhnoti", ("Sudhnati",)),
    # Balochistan
    ("PK-BA", "Awaran", ()),
    ("PK-BA", "Barkhan", ()),
    ("PK-BA", "Bolan", ("Kachhi",)),
    ("PK-BA", "Chagai", ("Chaghi", "Dalbandin")),
    ("PK-BA", "Dera Bugti", ("Sui",)),
    ("PK-BA", "Gwadar", ()),
    ("PK-BA", "Harnai", ()),
    ("PK-BA", "Jafarabad", ("Jaffarabad", "Dera Allah Yar")),
    ("PK-BA", "Jhal Magsi", ()),
    ("PK-BA", "Kalat", ()),
    ("PK-BA", "Kech", ("Turbat",)),
    ("PK-BA", "Kharan", ()),
    ("PK-BA", "Khuzdar", ()),
    ("PK-BA", "Killa Abdullah", ("Qila Abdullah", "Chaman")),
    ("PK-BA", "Killa Saifullah", ("Qila Saifullah",)),
    ("PK-BA", "Kohlu", ()),
    ("PK-BA", "Lasbela", ("Hub",)),
    ("PK-BA", "Loralai", ()),
    ("PK-BA", "Mastung", ()),
    ("PK-BA", "Musa Khel", ()),
    ("PK-BA", "Nasirabad", ("Dera Murad Jamali",)),
    ("PK-BA", "Nushki", ()),
    ("PK-BA", "Panjgur", ()),
    ("PK-BA", "Pishin", ()),
    ("PK-BA", "Quetta", ()),
    ("PK-BA", "Sherani", ()),
    ("PK-BA", "Sibi", ()),
    ("PK-BA", "Zhob", ()),
    ("PK-BA", "Ziarat", ()),
    # Gilgit-Baltistan
    ("PK-GB", "Astore", ()),
    ("PK-GB", "Diamer", ("Chilas",)),
    ("PK-GB", "Ghanche", ()),
    ("PK-GB", "Skardu", ()),
    ("PK-GB", "Gilgit", ()),
    # Islamabad Capital Territory (one district)
    ("PK-IS", "Islamabad", ("Islamabad City",)),
    # Khyber Pakhtunkhwa
    ("PK-KP", "Abbottabad", ()),
    ("PK-KP", "Bannu", ("FR Bannu", "Frontier Region Bannu")),
    ("PK-KP", "Batagram", ("Battagram",)),
    ("PK-KP", "Buner", ()),
    ("PK-KP", "Charsadda", ()),
    ("PK-KP", "Chitral", ()),
    (
        "PK-KP",
        "Dera Ismail Khan",
        ("D.I. Khan", "FR Dera Ismail Khan", "FR D.I. Khan", "Frontier Region Dera Ismail Khan"),
    ),
    ("PK-KP", "Hangu", ()),
    ("PK-KP", "Haripur", ()),
    ("PK-KP", "Karak", ()),
    ("PK-KP", "Kohat", ("FR Kohat", "Frontier Region Kohat", "Darra Adam Khel")),
    ("PK-KP", "Kohistan", ()),
    ("PK-KP", "Lakki Marwat", ("FR Lakki Marwat", "Frontier Region Lakki Marwat")),
    ("PK-KP", "Lower Dir", ("Dir Lower", "Timergara")),
    ("PK-KP", "Malakand", ()),
    ("PK-KP", "Mansehra", ()),
    ("PK-KP", "Mardan", ()),
    ("PK-KP", "Nowshera", ()),
    ("PK-KP", "Peshawar", ("FR Peshawar", "Frontier Region Peshawar")),
    ("PK-KP", "Shangla", ()),
    ("PK-KP", "Swabi", ()),
    ("PK-KP", "Swat", ("Mingora",)),
    ("PK-KP", "Tank", ("FR Tank", "FR Tank - Jandola", "Frontier Region Tank", "Jandola")),
    ("PK-KP", "Upper Dir", ("Dir Upper", "Dir")),
    # former FATA agencies, districts of Khyber Pakhtunkhwa since 2018
    ("PK-KP", "Bajaur", ()),
    ("PK-KP", "Khyber", ("Khyber Agency", "Landi Kotal", "Bara")),
    ("PK-KP", "Kurram", ("Parachinar",)),
    ("PK-KP", "Mohmand", ()),
    ("PK-KP", "North Waziristan", ("Miranshah", "Mir Ali")),
    ("PK-KP", "Orakzai", ()),
    ("PK-KP", "South Waziristan", ("Wana",)),
    # Punjab
    ("PK-PB", "Attock", ()),
    ("PK-PB", "Bahawalnagar", ()),
    ("PK-PB", "Bahawalpur", ()),
    ("PK-PB", "Chakwal", ()),
    ("PK-PB", "Dera Ghazi Khan", ("D.G. Khan",)),
    ("PK-PB", "Faisalabad", ()),
    ("PK-PB", "Gujranwala", ()),
    ("PK-PB", "Gujrat", ()),
    ("PK-PB", "Jhelum", ()),
    ("PK-PB", "Kasur", ()),
    ("PK-PB", "Khanewal", ()),
    ("PK-PB", "Lahore", ()),
    ("PK-PB", "Layyah", ()),
    ("PK-PB", "Mianwali", ()),
    ("PK-PB", "Multan", ()),
    ("PK-PB", "Muzaffargarh", ()),
    ("PK-PB", "Nankana Sahib", ()),
    ("PK-PB", "Narowal", ()),
    ("PK-PB", "Pakpattan", ()),
    ("PK-PB", "Rajanpur", ()),
    ("PK-PB", "Rawalpindi", ()),
    ("PK-PB", "Sahiwal", ()),
    ("PK-PB", "Sargodha", ()),
    ("PK-PB", "Sheikhupura", ()),
    ("PK-PB", "Sialkot", ()),
    ("PK-PB", "Toba Tek Singh", ()),
    ("PK-PB", "Vehari", ()),
    # Sindh
    ("PK-SD", "Ghotki", ()),
    ("PK-SD", "Hyderabad", ()),
    ("PK-SD", "Jacobabad", ()),
    ("PK-SD", "Jamshoro", ()),
    ("PK-SD", "Karachi", ("Karachi City", "Karachi Division")),
    ("PK-SD", "Larkana", ()),
    ("PK-SD", "Shaheed Benazirabad", ("Nawabshah",)),
    ("PK-SD", "Shikarpur", ()),
    ("PK-SD", "Sukkur", ()),
)

# Districts that were FATA agencies or frontier regions before 31 May 2018.
FORMER_FATA = frozenset(
    {"Bajaur", "Khyber", "Kurram", "Mohmand", "North Waziristan", "Orakzai", "South Waziristan"}
)
