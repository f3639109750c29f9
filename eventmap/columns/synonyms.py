"""What the columns of other people's tables are called: header names for each schema field.

Names come from common exports (ACLED, UCDP, GDELT, TimeMap, kepler.gl) and from headers written in
English, Arabic, Russian, French, German and Spanish. `header_key` turns a header cell into the form the
names are compared in (case, accents, spaces and punctuation ignored), so `Event Date`, `event_date` and
`EVENT-DATE` are one name.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[\W_]+")
# Arabic diacritics (harakat) and the tatweel, ignored in header names.
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")


def header_key(cell: str) -> str:
    """A header cell reduced for comparison: case folded, accents and Arabic diacritics removed,
    spaces and punctuation dropped (`Date de l'événement` -> `datedelevenement`)."""
    text = unicodedata.normalize("NFKC", cell.replace("\ufeff", "")).casefold()
    text = _ARABIC_MARKS.sub("", text)
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(ch) or "\u0600" <= ch <= "\u06ff")
    text = unicodedata.normalize("NFKC", text)
    return _NOT_WORD.sub("", text)


# For each schema field, the header names that fill it, best first. A column fills the first field
# (in this order) whose names include it, so `notes` fills `description` only when no column is called
# description, title or summary.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "event_id": ("event_id", "id", "event_id_cnty", "globaleventid", "uid", "uuid", "identifier", "event_no",
                 "رقم", "المعرف", "номер", "идентификатор", "nr", "nummer", "kennung", "identifiant"),
    "date": ("date", "event_date", "date_of_event", "when", "datetime", "date_time", "day", "date_start",
             "start_date", "startdate", "sqldate", "occurred", "occurred_on", "incident_date", "time",
             "تاريخ", "التاريخ", "تاريخ_الحدث", "تاريخ_الواقعة", "اليوم",
             "дата", "дата_события", "день",
             "datum", "ereignisdatum", "tag",
             "fecha", "fecha_del_evento", "dia",
             "date_de_l'événement", "date_evenement", "jour"),
    "date_precision": ("date_precision", "time_precision", "date_prec"),
    "report_date": ("report_date", "date_reported", "reported_on", "publication_date", "published",
                    "dateadded", "تاريخ_النشر", "дата_публикации", "veröffentlicht", "fecha_de_publicación"),
    "location": ("location", "place", "place_name", "location_name", "site", "locality", "settlement",
                 "town", "city", "village", "where", "address", "actiongeo_fullname", "where_description",
                 "المكان", "الموقع", "مكان", "موقع", "المدينة", "البلدة", "القرية",
                 "место", "местоположение", "населенный_пункт", "населённый_пункт", "город", "локация",
                 "ort", "ortschaft", "stadt", "gemeinde",
                 "lugar", "localidad", "ubicación", "ciudad",
                 "lieu", "localité", "ville", "emplacement"),
    "latitude": ("latitude", "lat", "y", "actiongeo_lat", "lat_dd", "coord_lat",
                 "خط_العرض", "العرض", "широта", "breitengrad", "breite", "latitud"),
    "longitude": ("longitude", "lon", "lng", "long", "x", "actiongeo_long", "lon_dd", "coord_lon",
                  "خط_الطول", "الطول", "долгота", "längengrad", "länge", "longitud"),
    "geo_precision": ("geo_precision", "where_prec", "location_precision"),
    "country": ("country", "country_name", "nation", "البلد", "الدولة", "بلد", "دولة", "страна",
                "land", "staat", "país", "pais", "pays"),
    "admin1": ("admin1", "region", "province", "governorate", "oblast", "adm1", "المحافظة", "المنطقة",
               "الولاية", "область", "регион", "bundesland", "provinz", "provincia", "région", "departement"),
    # Only whole header names: "party" fills side, "third_party_source" does not (and "actor" stays the actor).
    "side": ("side", "party", "belligerent", "faction", "side_a", "actor_side", "side_of_actor",
             "side_of_the_actor", "actor_party", "party_of_actor", "conflict_party", "party_to_the_conflict",
             "warring_party", "belligerent_side",
             "الطرف", "طرف", "الجهة", "طرف_النزاع", "الطرف_في_النزاع", "الطرف_المتحارب", "طرف_الفاعل",
             "الفصيل", "فصيل",
             "сторона", "сторона_конфликта", "воюющая_сторона", "сторона_актора", "сторона_участника",
             "фракция",
             "seite", "partei", "konfliktpartei", "kriegspartei", "seite_des_akteurs", "akteursseite",
             "bando", "parte", "bando_del_actor", "parte_en_conflicto", "parte_del_conflicto", "facción",
             "beligerante", "lado",
             "camp", "partie", "partie_au_conflit", "camp_de_l'acteur", "belligérant", "côté"),
    "actor": ("actor", "actor1", "actor1name", "perpetrator", "attacker", "who", "by_whom", "الفاعل",
              "الجهة_المنفذة", "исполнитель", "актор", "кто", "akteur", "täter", "wer", "acteur", "auteur", "qui",
              "quién"),
    "target": ("target", "actor2", "actor2name", "victim", "side_b", "الهدف", "цель", "ziel", "objetivo",
               "cible"),
    "event_type": ("event_type", "type", "category", "kind", "incident_type", "eventtype", "type_of_event",
                   "نوع", "النوع", "نوع_الحدث", "الفئة", "тип", "тип_события", "вид", "категория",
                   "art", "typ", "ereignisart", "kategorie", "tipo", "tipo_de_evento", "categoría",
                   "type_d'événement", "catégorie"),
    "sub_event_type": ("sub_event_type", "subtype", "sub_type", "subcategory", "النوع_الفرعي", "подтип"),
    "description": ("description", "title", "summary", "headline", "event", "details", "text",
                    "what happened", "what", "happened", "event description", "description of event",
                    "incident description", "event summary", "narrative",
                    "الوصف", "وصف", "العنوان", "عنوان", "الحدث", "التفاصيل",
                    "ماذا حدث", "ما الذي حدث", "ما حدث", "وصف الحدث", "تفاصيل الحدث", "ملخص",
                    "описание", "заголовок", "событие",
                    "что произошло", "что случилось", "описание события", "краткое описание",
                    "beschreibung", "titel", "ereignis", "zusammenfassung",
                    "was ist passiert", "was geschah", "was passierte", "ereignisbeschreibung",
                    "beschreibung des ereignisses", "kurzbeschreibung", "hergang",
                    "descripción", "título", "resumen",
                    "qué pasó", "qué ocurrió", "qué sucedió", "lo que pasó", "descripción del evento", "hechos",
                    "titre", "résumé",
                    "que s'est-il passé", "ce qui s'est passé", "qu'est-ce qui s'est passé",
                    "description de l'événement", "faits", "récit", "notes"),
    "description_original": ("description_original", "original_text", "text_original", "النص_الأصلي",
                             "оригинал"),
    "description_ar": ("description_ar", "الوصف_بالعربية", "الوصف_العربي"),
    "description_ar_source": ("description_ar_source",),
    "language": ("language", "lang", "اللغة", "язык", "sprache", "idioma", "langue"),
    "fatalities": ("fatalities", "deaths", "killed", "dead", "best", "قتلى", "القتلى", "عدد_القتلى",
                   "погибшие", "убитые", "жертвы", "tote", "todesopfer", "muertos", "morts"),
    "injured": ("injured", "wounded", "جرحى", "الجرحى", "раненые", "verletzte", "heridos", "blessés"),
    "claimed_by": ("claimed_by", "reported_by", "claimant", "أعلنها", "заявлено", "gemeldet_von"),
    "status": ("status", "claim_status", "الحالة", "статус", "estado", "statut"),
    "disputed_by": ("disputed_by", "denied_by", "نفاها", "опровергнуто"),
    "verification": ("verification", "verified", "التحقق", "проверка", "verifizierung", "verificación"),
    "sources": ("sources", "source", "source_url", "sourceurl", "url", "urls", "link", "links", "reference",
                "references", "citation", "المصدر", "المصادر", "رابط", "الرابط", "источник", "источники",
                "ссылка", "quelle", "quellen", "fuente", "fuentes", "enlace"),
    "event_type_original": ("event_type_original", "original_type", "type_original"),
    "notes": ("notes", "note", "comment", "comments", "remarks", "ملاحظات", "ملاحظة", "примечание",
              "примечания", "комментарий", "bemerkung", "bemerkungen", "anmerkung", "notas", "remarques"),
}

# The same, keyed for comparison with `header_key`.
SYNONYM_KEYS: dict[str, tuple[str, ...]] = {
    field: tuple(dict.fromkeys(header_key(name) for name in names)) for field, names in SYNONYMS.items()
}
