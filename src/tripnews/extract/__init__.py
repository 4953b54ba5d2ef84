"""Extractors: each takes cleaned text and returns records with offsets into it."""
