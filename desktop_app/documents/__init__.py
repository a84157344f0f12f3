"""Printed documents (ReportLab), one module per document; ``base`` holds the shared page frame."""
