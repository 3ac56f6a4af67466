"""Learning content: the file formats (content/FORMAT.md) and their database shapes."""
