"""The demo logins (only in demo data, never in production)."""

DEMO_PASSWORD = "demo"  # nosec B105

DEMO_LOGINS: list[tuple[str, str]] = [
    ("mottagning1", "Mottagningshandläggare"),
    ("handlaggare1", "Handläggare"),
    ("handlaggare2", "Handläggare"),
    ("enhetschef1", "Enhetschef"),
    ("namnd1", "Nämndledamot"),
    ("analytiker1", "Analytiker"),
    ("admin1", "Administratör"),
    ("enkat1", "Enkätansvarig"),
]
