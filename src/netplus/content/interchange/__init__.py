"""Question banks in the formats teachers already have: Moodle XML and GIFT (import and export), CSV (export).

Imports never raise on a bad file: they return an ImportReport whose problems say, question by question,
what was skipped, what is incomplete and what could not be carried over.
"""

from netplus.content.interchange.csv_export import to_csv
from netplus.content.interchange.gift import parse_gift, to_gift
from netplus.content.interchange.moodle_xml import parse_moodle_xml, to_moodle_xml
from netplus.content.interchange.report import ExportReport, ImportReport, Location, Problem

__all__ = ["ExportReport", "ImportReport", "Location", "Problem", "parse_gift", "parse_moodle_xml", "to_csv",
           "to_gift", "to_moodle_xml"]
