"""match stage: tie department strings to a registry and cases to families.

Pure functions over plain data; the load stage stores what they return.
"""

from pipeline.match.departments import (
    Department,
    DepartmentMatch,
    DepartmentParts,
    DepartmentRegistry,
    Renaming,
    load_registry,
    match_department,
    parse_department,
    registry_for,
    review_list,
)
from pipeline.match.families import Family, FamilyAssignment, FamilyInput, assign_families

__all__ = [
    "Department",
    "DepartmentMatch",
    "DepartmentParts",
    "DepartmentRegistry",
    "Family",
    "FamilyAssignment",
    "FamilyInput",
    "Renaming",
    "assign_families",
    "load_registry",
    "match_department",
    "parse_department",
    "registry_for",
    "review_list",
]
