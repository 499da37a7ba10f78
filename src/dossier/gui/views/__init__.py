"""The case views the main window embeds: one case (profile, facts, timeline, events,
sources, people, asks, history) and the overview of all cases on one timeline."""
