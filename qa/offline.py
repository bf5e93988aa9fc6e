"""qa reaches no network: settings that must be in place before its libraries load.

onnxruntime 1.29 and later send usage telemetry to Microsoft from any process that imports
them (seen with strace: a DNS query for mobile.events.data.microsoft.com within seconds of
`import onnxruntime`), unless ORT_DISABLE_TELEMETRY is set when it loads;
`disable_telemetry_events()` afterwards does not stop it. Ray reports usage from a driver
(usage-stats.ray.io) unless RAY_USAGE_STATS_ENABLED is 0. `import qa` sets both, so every qa
process (the CLI, the chat, the server, a Ray actor) and its children run with them; what a
Ray runtime qa starts needs besides is in qa.ray_engine (`offline_start`).
"""

from __future__ import annotations

import os

os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
