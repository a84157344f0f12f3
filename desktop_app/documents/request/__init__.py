"""Printed documents of this area."""
