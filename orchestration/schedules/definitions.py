from orchestration.schedules.failures import record_failed_load
from orchestration.schedules.jobs import nightly_load
from orchestration.schedules.triggers import inbox_sensor, nightly_schedule

jobs = [nightly_load]
schedules = [nightly_schedule]
sensors = [inbox_sensor, record_failed_load]
