"""Write the sample files of `tests/data/` (run: `python tests/data/make_samples.py`; the outputs are committed).

The rows are events of the 2020 Nagorno-Karabakh war taken from the project's reference research
(`shared/reference/events.csv`, `places.csv`), in the project's schema and in the column sets of ACLED
(current export and older HDX files) and UCDP GED. The ACLED and UCDP rows are written by us from the
published column lists, for the ACLED event ids the reference cites; their text and codes are ours,
not copies of ACLED's or UCDP's records.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

HERE = Path(__file__).resolve().parent

PROJECT_HEADER = (
    "event_id", "date", "date_precision", "report_date", "location", "latitude", "longitude", "geo_precision",
    "country", "admin1", "side", "actor", "target", "event_type", "sub_event_type", "description",
    "description_original", "language", "fatalities", "injured", "claimed_by", "status", "disputed_by",
    "verification", "sources", "notes",
)
ARTICLE = "Al-Resalah, 2020-10-09 (000_acdbde452fa6fc04)"

PROJECT_ROWS: list[dict[str, str]] = [
    {
        "event_id": "NK-2020-10-08-031-stepanakert", "date": "2020-10-08", "date_precision": "day",
        "location": "Stepanakert", "latitude": "39.8177", "longitude": "46.7528", "geo_precision": "exact",
        "country": "Azerbaijan", "side": "Azerbaijan", "actor": "Azerbaijani Armed Forces",
        "event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack",
        "description": "Shelling of Stepanakert resumed late on 7 October and went on into the morning of 8 October.",
        "description_original": "ونقل مراسل الجزيرة عن مصادر عسكرية أرمينية أن القصف الأذري تجدد على ستيباناكيرت "
                                "عاصمة الإقليم وفي محيطها.",
        "language": "ar", "claimed_by": "RFE/RL Armenian service; Artsakh authorities", "status": "claimed",
        "verification": "single-source",
        "sources": "https://armenianbd.com/news/view/azerbaijani-rocket-attacks-destroy-historic-ghazanchetsots-"
                   f"church-in-shushi.html; {ARTICLE}",
    },
    {
        "event_id": "NK-2020-10-08-032-shusha", "date": "2020-10-08", "date_precision": "day",
        "location": "Shusha", "latitude": "39.7601", "longitude": "46.7499", "geo_precision": "exact",
        "country": "Azerbaijan", "side": "Azerbaijan", "actor": "Azerbaijani Armed Forces",
        "target": "Ghazanchetsots Cathedral", "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "description": "The Ghazanchetsots (Holy Saviour) Cathedral was hit twice; the second strike wounded "
                       "three journalists and their escort.",
        "description_original": "وفي مدينة شوشة، طال القصف كاتدرائية تحمل رمزية تاريخية لدى الأرمن، ما تسبب بإصابة "
                                "بعض الصحفيين بجروح.",
        "language": "ar", "fatalities": "0", "injured": "3", "claimed_by": "Artsakh authorities; Armenian MFA",
        "status": "disputed", "disputed_by": "Azerbaijani MoD", "verification": "multi-source",
        "sources": f"https://hetq.am/en/article/122804; {ARTICLE}",
        "notes": "Azerbaijan's MoD denied targeting the cathedral.\nThe second strike came while journalists "
                 "were at the site.",
    },
    {
        "event_id": "NK-2020-10-08-033-goranboy", "date": "2020-10-08", "date_precision": "day",
        "location": "Goranboy", "latitude": "", "longitude": "", "geo_precision": "near",
        "country": "Azerbaijan", "admin1": "Goranboy District", "side": "Armenia", "actor": "Armenian Armed Forces",
        "event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack",
        "description": "Artillery fire on Shahmammadli village, Goranboy District; a civilian was killed at home.",
        "fatalities": "1", "claimed_by": "Azerbaijani Prosecutor General", "status": "claimed",
        "verification": "party-claim-only", "sources": f"https://zefer.az/en/article/1524; {ARTICLE}",
    },
    {
        "event_id": "NK-2020-10-08-038-jabrayil", "date": "2020-10-08", "date_precision": "day",
        "location": "Jabrayil", "latitude": "39.3992", "longitude": "47.0284", "geo_precision": "near",
        "country": "Azerbaijan", "side": "Azerbaijan", "actor": "Azerbaijani Armed Forces",
        "target": "Artsakh Defence Army", "event_type": "Battles", "sub_event_type": "Armed clash",
        "description": "The Armenian MoD says an Azerbaijani attack in the southern direction was repelled, with "
                       "more than 20 attackers dead or wounded.",
        "description_original": "قالت وزارة الدفاع الأرمينية إن الجيش الأذري حاول شن هجوم على مدينة جبرائيل، وإن "
                                "قوات الإقليم صدت الهجوم وقتلت 20 جنديا",
        "language": "ar", "claimed_by": "Armenian MoD; Artsakh Defence Army", "status": "claimed",
        "verification": "multi-source",
        "sources": "https://en.armradio.am/2020/10/08/azerbaijani-attack-in-southern-direction-repelled/; "
                   f"{ARTICLE}",
        "notes": "The article says 20 soldiers killed; the sources say 20 or more dead and wounded.",
    },
    {
        "event_id": "NK-2020-10-08-041-moscow", "date": "2020-10-08", "date_precision": "day",
        "report_date": "2020-10-09", "location": "Moscow", "latitude": "55.7522", "longitude": "37.6156",
        "geo_precision": "exact", "country": "Russia", "side": "Russia", "actor": "President of Russia",
        "target": "Foreign ministers of Armenia and Azerbaijan", "event_type": "Strategic developments",
        "sub_event_type": "Other",
        "description": "Putin calls for a humanitarian halt to the fighting and invites both foreign ministers "
                       "to talks in Moscow on 9 October.",
        "description_original": "دعا الرئيس الروسي فلاديمير بوتين اليوم الجمعة وزيري خارجية أرمينيا وأذربيجان إلى "
                                "زيارة موسكو لإجراء مفاوضات",
        "language": "ar", "claimed_by": "Kremlin", "status": "confirmed", "verification": "multi-source",
        "sources": "https://al-ain.com/article/1602193290; " + ARTICLE,
    },
    {
        "event_id": "NK-2020-10-08-039-geneva", "date": "2020-10-08", "date_precision": "day",
        "location": "Geneva", "latitude": "46.2022", "longitude": "6.1457", "geo_precision": "exact",
        "country": "Switzerland", "side": "Azerbaijan", "actor": "Azerbaijani Foreign Minister Jeyhun Bayramov",
        "target": "OSCE Minsk Group co-chairs", "event_type": "Strategic developments", "sub_event_type": "Other",
        "description": "The OSCE Minsk Group co-chairs meet Azerbaijan's foreign minister in Geneva.",
        "claimed_by": "Azerbaijani MFA", "status": "confirmed", "verification": "multi-source",
        "sources": "https://vestnikkavkaza.net/material/136000; " + ARTICLE,
    },
]


def project_csv(rows: list[dict[str, str]], *, delimiter: str = ",", header: tuple[str, ...] = PROJECT_HEADER,
                lineterminator: str = "\r\n") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=lineterminator)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return buffer.getvalue()


def decimal_commas(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Coordinates written with a decimal comma, as European spreadsheets do with `;` files."""
    return [{**row, "latitude": row["latitude"].replace(".", ","), "longitude": row["longitude"].replace(".", ",")}
            for row in rows]


ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def arabic_digit_rows() -> list[dict[str, str]]:
    """Dates, coordinates and counts in Arabic-Indic and Persian digits."""
    shusha, goranboy, moscow = PROJECT_ROWS[1], PROJECT_ROWS[2], PROJECT_ROWS[4]
    return [
        {**shusha, "date": "٠٨/١٠/٢٠٢٠", "latitude": "٣٩٫٧٦٠١", "longitude": "٤٦٫٧٤٩٩",
         "fatalities": "٠", "injured": "٣"},
        {**goranboy, "date": "2020-10-08".translate(PERSIAN), "fatalities": "۱"},
        {**moscow, "date": "٨ أكتوبر ٢٠٢٠", "report_date": "09 October 2020".translate(ARABIC_INDIC)},
    ]


# --- ACLED -------------------------------------------------------------------------------------------------------
ACLED_CURRENT_HEADER = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
AZ_FORCES, AM_FORCES = "Military Forces of Azerbaijan (2003-)", "Military Forces of Armenia (2018-)"
REMOTE, SHELLING, DRONE = "Explosions/Remote violence", "Shelling/artillery/missile attack", "Air/drone strike"
# id, date, event_type, sub_event_type, actor1, actor2, admin1, admin2, location, lat, lon, geo_precision,
# source, source_scale, notes, fatalities, civilian_targeting
ACLED_EVENTS: list[tuple[str, ...]] = [
    ("ARM4887", "2020-09-29", REMOTE, DRONE, "Military Forces of Turkey (2016-)", AM_FORCES, "Gegharkunik",
     "Vardenis", "Vardenis", "40.1833", "45.7305", "2", "Armenian Ministry of Defence; Daily Mail",
     "International-National", "The Armenian MoD claimed a Turkish F-16 shot down an Armenian Su-25 over Vardenis "
     "region, killing the pilot; Turkey and Azerbaijan denied it.", "1", ""),
    ("ARM4888", "2020-10-01", REMOTE, DRONE, AZ_FORCES, "Civilians (Armenia)", "Gegharkunik", "Vardenis",
     "Mets Masrik", "40.2195", "45.7639", "1", "Armenpress", "National",
     "An Azerbaijani drone struck Mets Masrik village: 1 civilian killed and 2 wounded.", "1",
     "Civilian targeting"),
    ("ARM4890", "2020-10-01", REMOTE, SHELLING, AZ_FORCES, "Civilians (Armenia)", "Gegharkunik", "Vardenis",
     "Vardenis", "40.1833", "45.7305", "2", "News.am", "National",
     "Azerbaijani forces shelled villages of Vardenis region: 1 civilian killed.", "1", "Civilian targeting"),
    ("ARM4892", "2020-09-27", "Strategic developments", "Other", "Government of Armenia (2018-)", "", "Yerevan",
     "Yerevan", "Yerevan", "40.1777", "44.5126", "1", "Livemint; PanArmenian", "Other-National",
     "Armenia declared martial law and a general mobilisation after fighting began in Nagorno-Karabakh.", "0",
     ""),
    ("ARM4894", "2020-09-29", REMOTE, SHELLING, AZ_FORCES, "Civilians (Armenia)", "Gegharkunik", "Vardenis",
     "Vardenis", "40.1833", "45.7305", "2", "News.am", "National",
     "Villages of Vardenis region were shelled from the morning; a civilian bus was reportedly hit by a drone; "
     "1 civilian killed.", "1", "Civilian targeting"),
    ("ARM4903", "2020-10-10", REMOTE, DRONE, AZ_FORCES, "Civilians (Armenia)", "Syunik", "Kapan", "Artsvanik",
     "39.2599", "46.4726", "1", "Armenpress", "National",
     "An Azerbaijani combat drone killed a civilian in Artsvanik village, Kapan region.", "1",
     "Civilian targeting"),
    ("ARM4908", "2020-10-14", REMOTE, SHELLING, AZ_FORCES, AM_FORCES, "Gegharkunik", "Vardenis", "Sotk",
     "40.1997", "45.8643", "2", "DW; Al Masdar News", "International",
     "Azerbaijan struck launchers inside Armenia that it said were aimed at Ganja and Mingachevir; Armenia "
     "confirmed strikes on its territory.", "0", ""),
    ("ARM4909", "2020-10-14", REMOTE, SHELLING, AZ_FORCES, "Civilians (Armenia)", "Gegharkunik", "Vardenis",
     "Vardenis", "40.1833", "45.7305", "2", "Pledge Times", "International",
     "Shelling near the border of Kalbajar: a 14-year-old was wounded, according to Armenian sources.", "0",
     "Civilian targeting"),
    ("ARM4920", "2020-10-27", REMOTE, DRONE, AZ_FORCES, AM_FORCES, "Syunik", "Kapan", "Kapan", "39.2076",
     "46.4068", "2", "Armenpress", "National",
     "Drone and rocket attacks on a checkpoint near the Iranian border wounded Armenian servicemen.", "0", ""),
    ("ARM4922", "2020-11-02", REMOTE, SHELLING, AZ_FORCES, "Civilians (Armenia)", "Syunik", "Kapan",
     "Davit Bek", "39.3189", "46.4941", "1", "News.am", "National",
     "Shelling of Davit Bek village: 1 civilian killed, 2 wounded.", "1", "Civilian targeting"),
    ("ARM4926", "2020-11-09", REMOTE, SHELLING, AZ_FORCES, "Military Forces of Russia (2000-)", "Ararat",
     "Ararat", "Yeraskh", "39.7398", "44.8282", "1", "TASS; Daily Sabah", "International",
     "A Russian Mi-24 helicopter was shot down by a portable missile near Yeraskh: 2 crew killed; Azerbaijan "
     "admitted it and apologised.", "2", ""),
    ("ARM4927", "2020-11-10", "Riots", "Violent demonstration", "Rioters (Armenia)", "Government of Armenia (2018-)",
     "Yerevan", "Yerevan", "Yerevan", "40.1777", "44.5126", "1", "TASS; Interfax", "International-National",
     "After the ceasefire statement, protesters broke into the government building and parliament; the "
     "speaker of parliament was beaten.", "0", ""),
]


def acled_current_rows() -> list[dict[str, str]]:
    rows = []
    for (event_id, date, event_type, sub, actor1, actor2, admin1, admin2, location, lat, lon, geo_precision,
         source, scale, notes, fatalities, civilian) in ACLED_EVENTS:
        disorder = "Strategic developments" if event_type == "Strategic developments" else (
            "Demonstrations" if event_type in ("Riots", "Protests") else "Political violence")
        rows.append({
            "event_id_cnty": event_id, "event_date": date, "year": date[:4], "time_precision": "1",
            "disorder_type": disorder, "event_type": event_type, "sub_event_type": sub, "actor1": actor1,
            "inter1": "State forces" if "Forces" in actor1 else "Rioters", "actor2": actor2,
            "inter2": "Civilians" if actor2.startswith("Civilians") else ("State forces" if actor2 else ""),
            "interaction": "", "civilian_targeting": civilian, "iso": "51", "region": "Caucasus and Central Asia",
            "country": "Armenia", "admin1": admin1, "admin2": admin2, "location": location, "latitude": lat,
            "longitude": lon, "geo_precision": geo_precision, "source": source, "source_scale": scale,
            "notes": notes, "fatalities": fatalities, "tags": "", "timestamp": "1618957000",
        })
    return rows


ACLED_HDX_HEADER = (
    "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year", "time_precision", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "timestamp", "iso3",
)
HXL_TAGS = {
    "data_id": "#x_data_id", "iso": "#country+code+num", "event_id_cnty": "#event+code",
    "event_id_no_cnty": "#event+id+no_cnty", "event_date": "#date+occurred", "year": "#date+year",
    "time_precision": "#date+precision", "event_type": "#event+type", "sub_event_type": "#event+type+sub",
    "actor1": "#group+name+first", "assoc_actor_1": "#group+name+first+assoc", "inter1": "#group+code+first",
    "actor2": "#group+name+second", "assoc_actor_2": "#group+name+second+assoc", "inter2": "#group+code+second",
    "interaction": "#group+interaction", "region": "#region+name", "country": "#country+name",
    "admin1": "#adm1+name", "admin2": "#adm2+name", "admin3": "#adm3+name", "location": "#loc+name",
    "latitude": "#geo+lat", "longitude": "#geo+lon", "geo_precision": "#geo+precision", "source": "#meta+source",
    "source_scale": "#meta+source+scale", "notes": "#description", "timestamp": "#date+timestamp",
    "iso3": "#country+code",
}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def acled_hdx_rows() -> list[dict[str, str]]:
    """The first six events in the older HDX column set: dates as `09 October 2020`, no fatalities."""
    rows = []
    for number, row in enumerate(acled_current_rows()[:6], start=7_000_001):
        year, month, day = row["event_date"].split("-")
        rows.append({**{k: v for k, v in row.items() if k in ACLED_HDX_HEADER}, "data_id": str(number),
                     "event_id_no_cnty": row["event_id_cnty"].removeprefix("ARM"), "iso3": "ARM",
                     "event_date": f"{day} {_MONTHS[int(month) - 1]} {year}",
                     "inter1": "1" if "Forces" in row["actor1"] else "5", "inter2": "7" if row["inter2"] else ""})
    return rows


# --- UCDP GED ------------------------------------------------------------------------------------------------------
UCDP_HEADER = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
    "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id",
    "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources",
    "source_article", "source_office", "source_date", "source_headline", "source_original", "where_prec",
    "gwnoa", "gwnob", "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude",
    "geom_wkt", "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec", "date_start",
    "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
)
# id, type, side_a, side_b, where_coordinates, where_description, adm_1, lat, lon, where_prec, date_prec,
# start, end, clarity, sources count, article, deaths (a, b, civilians, unknown), best, high, low
UCDP_EVENTS: list[tuple[str, ...]] = [
    ("390001", "3", "Government of Armenia", "Civilians", "Ganja town", "central Ganja, residential buildings",
     "Ganja city", "40.6816", "46.3613", "1", "1", "2020-10-11", "2020-10-11", "1", "3",
     "Azertag,2020-10-11,Missile strike on Ganja; Trend,2020-10-12,Death toll in Ganja rises", "0", "0", "10", "0",
     "10", "10", "7"),
    ("390002", "3", "Government of Armenia", "Civilians", "Ganja town", "Ganja, homes levelled by a missile",
     "Ganja city", "40.6816", "46.3613", "1", "1", "2020-10-17", "2020-10-17", "1", "2",
     "Al Jazeera,2020-10-17,Casualties after attack targets Ganja", "0", "0", "13", "0", "13", "21", "12"),
    ("390003", "3", "Government of Armenia", "Civilians", "Barda town", "central Barda, cluster rockets",
     "Barda district", "40.3758", "47.1262", "1", "1", "2020-10-28", "2020-10-28", "1", "2",
     "Jam News,2020-10-29,Cluster bombs in Barda", "0", "0", "21", "0", "21", "21", "21"),
    ("390004", "3", "Government of Azerbaijan", "Civilians", "Martuni town", "central Martuni, rocket strike",
     "Khojavend district", "39.7953", "47.1131", "1", "1", "2020-10-01", "2020-10-01", "1", "2",
     "Artsakh News,2020-10-01,Strike on Martuni", "0", "0", "4", "0", "4", "4", "4"),
    ("390005", "1", "Government of Armenia", "Government of Azerbaijan", "Jabrayil district",
     "southern front, Jabrayil and Fuzuli districts", "Jabrayil district", "39.40", "47.03", "4", "2",
     "2020-10-06", "2020-10-08", "2", "1", "Vestnik Kavkaza,2020-10-06,Offensive in the southern direction",
     "3", "9", "0", "0", "12", "40", "5"),
]


def ucdp_rows() -> list[dict[str, str]]:
    rows = []
    for (ucdp_id, violence, side_a, side_b, where, where_description, adm_1, lat, lon, where_prec, date_prec,
         start, end, clarity, n_sources, article, deaths_a, deaths_b, deaths_civ, deaths_unknown, best, high,
         low) in UCDP_EVENTS:
        one_sided = violence == "3"
        rows.append({
            "id": ucdp_id, "relid": f"AZE-2020-1-{ucdp_id}", "year": "2020", "active_year": "1",
            "code_status": "Clear", "type_of_violence": violence,
            "conflict_dset_id": "388", "conflict_new_id": "388",
            "conflict_name": f"{side_a} - civilians" if one_sided else "Armenia - Azerbaijan",
            "dyad_dset_id": "10000", "dyad_new_id": "10000",
            "dyad_name": f"{side_a} - civilians" if one_sided else f"{side_a} - {side_b}",
            "side_a": side_a, "side_b": side_b, "number_of_sources": n_sources, "source_article": article,
            "source_office": article.split(",")[0], "source_date": start, "source_headline": "",
            "source_original": "", "where_prec": where_prec, "gwnoa": "371" if "Armenia" in side_a else "373",
            "gwnob": "" if one_sided else "373", "where_coordinates": where,
            "where_description": where_description, "adm_1": adm_1, "adm_2": "", "latitude": lat,
            "longitude": lon, "geom_wkt": f"POINT ({lon} {lat})", "priogrid_gid": "", "country": "Azerbaijan",
            "country_id": "373", "region": "Europe", "event_clarity": clarity, "date_prec": date_prec,
            "date_start": f"{start} 00:00:00.000", "date_end": f"{end} 00:00:00.000", "deaths_a": deaths_a,
            "deaths_b": deaths_b, "deaths_civilians": deaths_civ, "deaths_unknown": deaths_unknown, "best": best,
            "high": high, "low": low,
        })
    return rows


def broken_csv() -> str:
    """A project file with one known problem per row (the tests list the exact messages)."""
    good = PROJECT_ROWS
    rows = [
        good[0],                                                         # line 2: valid
        {**good[1], "event_id": "B-02"},                                 # line 3: valid, notes span lines 3-4
        {**good[2], "event_id": "B-03", "date": "10/13/2020"},           # line 5: month first
        {**good[3], "event_id": "B-04", "latitude": "47.0284", "longitude": "39.3992"},  # line 6: swapped (warning)
        {**good[3], "event_id": "B-05", "latitude": "147.0", "longitude": "39.3"},       # line 7: out of range
        {**good[0], "event_id": "B-06", "longitude": ""},                # line 8: latitude without longitude
        {**good[0], "event_id": "B-07", "event_type": "Battles"},        # line 9: sub-event type not of Battles
        {**good[0], "event_id": "B-08", "sources": " ; "},               # line 10: no source
        {**good[3], "event_id": "B-09", "fatalities": "20+"},            # line 11: not a whole number
        {**good[0], "event_id": "NK-2020-10-08-031-stepanakert"},        # line 12: duplicate of line 2
        {**good[0], "event_id": "B-11", "status": "CLAIMED", "date": "08/10/2020"},  # line 13: valid, normalised
        {**good[0], "event_id": "B-12", "location": ""},                 # line 14: required
    ]
    text = project_csv(rows)
    return text + "B-13,2020-10-08,day\r\n"                             # line 15: ragged row


SAMPLES = {
    "project_utf8.csv": lambda: project_csv(PROJECT_ROWS).encode("utf-8"),
    "project_utf8_bom.csv": lambda: project_csv(PROJECT_ROWS).encode("utf-8-sig"),
    "project_utf16le.csv": lambda: project_csv(PROJECT_ROWS).encode("utf-16"),  # BOM + little-endian
    "project_utf16be.csv": lambda: b"\xfe\xff" + project_csv(PROJECT_ROWS).encode("utf-16-be"),
    "project_cp1256.csv": lambda: project_csv(PROJECT_ROWS).encode("cp1256"),
    "project_semicolon.csv": lambda: project_csv(decimal_commas(PROJECT_ROWS), delimiter=";").encode("utf-8"),
    "project_tab.csv": lambda: project_csv(PROJECT_ROWS, delimiter="\t", lineterminator="\n").encode("utf-8"),
    "project_arabic_digits.csv": lambda: project_csv(arabic_digit_rows()).encode("utf-8"),
    "project_broken.csv": lambda: broken_csv().encode("utf-8"),
    "acled_current.csv": lambda: project_csv(acled_current_rows(), header=ACLED_CURRENT_HEADER).encode("utf-8"),
    "acled_hdx.csv": lambda: project_csv(
        [HXL_TAGS, *acled_hdx_rows()], header=ACLED_HDX_HEADER).encode("utf-8"),
    "ucdp_ged.csv": lambda: project_csv(ucdp_rows(), header=UCDP_HEADER, lineterminator="\n").encode("utf-8"),
}


def main() -> None:
    for name, make in SAMPLES.items():
        (HERE / name).write_bytes(make())
        print(name)


if __name__ == "__main__":
    main()
