"""The fields of an application, in the order every listing and export shows them."""

APPLICATION_FIELDS = (
    "id",
    "company",
    "role",
    "stage",
    "applied_on",
    "source",
    "url",
    "location",
    "salary",
    "priority",
    "decision_by",
    "notes",
    "created_at",
    "updated_at",
)
