# Runs a command and reports its wall time and its own CPU time and peak RSS, from wait4() (microseconds, unlike GNU
# time's 10 ms steps, too coarse for a 1.5x ratio on 100 ms processes). Usage: python3 rusage.py REPORT ARGV...
# REPORT gets "wall_ms cpu_ms max_rss_kb"; the command's exit status becomes ours (128 + N for a signal).
import os
import sys
import time

report, argv = sys.argv[1], sys.argv[2:]
started = time.perf_counter_ns()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
wall_ms = (time.perf_counter_ns() - started) / 1e6
with open(report, "w") as out:
    out.write(f"{wall_ms:.3f} {(usage.ru_utime + usage.ru_stime) * 1000:.3f} {usage.ru_maxrss}\n")
sys.exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))
