"""Renderers: records to JSON-ready dicts, JSON/JSONL text, and rich views."""
