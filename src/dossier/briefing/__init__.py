"""Briefing packets: the PDF a diplomat reads before a Human Rights Council session.

`build_packet(cases, sources, BriefingOptions(...), path)` redacts by audience, derives
each case's facts, lays the packet out (cover, contents, summary table, one section
per case with its timeline drawn) and writes it atomically.
"""

from dossier.briefing.packet import BriefingOptions, BriefingResult, build_packet

__all__ = ["BriefingOptions", "BriefingResult", "build_packet"]
