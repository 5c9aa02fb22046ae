"""Exported chat history: readers of the export formats, and the import `jianfu scan --db` does."""
