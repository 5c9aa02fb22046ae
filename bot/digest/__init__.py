"""The weekly digest: compose (numbers and text from the store), chart (PNG), scheduler."""
