"""A small village index for tests: a handful of GeoNames-shaped records (real names and points)."""

from __future__ import annotations

from geo.placeindex import PlaceIndex


def record(geonameid: int, name: str, lat: float, lon: float, country: str, admin1: str, population: int,
           *alternates: str) -> dict[str, object]:
    return {"geonameid": geonameid, "name": name, "latitude": lat, "longitude": lon, "countrycode": country,
            "population": population, "admin1code": admin1, "alternatenames": list(alternates)}


RECORDS = [
    record(174884, "Jermuk", 39.83948, 45.67112, "AM", "10", 4095, "Dzhermuk", "Ջերմուկ", "Джермук"),
    record(318766, "Çermik", 38.13538, 39.445, "TR", "21", 20975, "Cermik", "Jermuk", "Ջերմուկ"),
    record(616062, "Goris", 39.51111, 46.34168, "AM", "08", 20591, "Горис"),
    record(587057, "Barda", 40.37577, 47.12619, "AZ", "07", 37500, "Bärdä", "Bərdə", "Барда"),
    record(706483, "Kharkiv", 49.98081, 36.25272, "UA", "07", 1430885, "Харків", "Kharkov", "Charkiw"),
    record(701822, "Mariupol", 47.09514, 37.54131, "UA", "05", 481626, "Маріуполь", "Mariupol'"),
    record(700000, "Voskresenka", 47.60, 35.60, "UA", "26", 900, "Воскресенка"),
    record(700001, "Voskresenka", 47.20, 36.40, "UA", "26", 800, "Воскресенка"),
    record(700002, "Voskresenka", 48.30, 37.80, "UA", "05", 700, "Воскресенка"),
    record(616052, "Yerevan", 40.18111, 44.51361, "AM", "11", 1093485, "Erevan", "Երևան"),
    record(148565, "Yevlakh", 40.61832, 47.15014, "AZ", "59", 53716, "Yevlax", "Евлах"),
]
ADMIN1 = {("AM", "10"): "Vayots' Dzori Marz", ("AM", "08"): "Syunik'i Marz", ("AZ", "07"): "Barda Rayon",
          ("UA", "07"): "Kharkiv", ("UA", "05"): "Donetsk", ("UA", "26"): "Zaporizhia", ("TR", "21"): "Diyarbakir",
          ("AM", "11"): "Yerevan", ("AZ", "59"): "Yevlax City"}


def small_index() -> PlaceIndex:
    return PlaceIndex.from_records(RECORDS, admin1_names=ADMIN1)
