"""Stand-ins for the constants codegen writes at the top of each playbook (never copied into one).

The runtime modules import them so that pyflakes and the unit tests see every name defined;
a unit test sets the values it needs (runtime_test.py: playbook_constants()).
"""
PLAYBOOK_NAME = "runtime unit test"
TRIGGER = {"kind": "alert", "severities": [], "serviceSources": [], "detectionSources": [], "categories": [],
           "topics": [], "titleKeywords": [], "statuses": [], "classifications": []}
TOPICS = {}
ACTION_DESTRUCTIVE = {}
SOURCE_ALIASES = {}
