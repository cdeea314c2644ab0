"""cx-audit: customer-experience audits from YAML checklists, scored and reported."""

__version__ = "0.1.0"
