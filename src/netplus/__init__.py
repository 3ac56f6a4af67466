"""NetPlus: an open-source learning platform for the CompTIA Network+ (N10-009) exam."""

__version__ = "0.1.0"
