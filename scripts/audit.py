"""Audit the installed dependencies for known vulnerabilities with pip-audit.

pip-audit asks a vulnerability service (PyPI's JSON API by default) about each installed
distribution. Where that service cannot be reached (an offline CI machine, a package
mirror without the JSON API) pip-audit still exits 0, saying "No known vulnerabilities
found" while it skipped every package, or fails with a connection error. Neither is an
audit, so this wrapper tells the three outcomes apart:

* a vulnerability found: listed, exit 1;
* nothing audited (service unreachable): said plainly, exit 0 unless ``--strict``;
* dependencies audited and none vulnerable: counts printed, exit 0.

The project itself (installed editable) is skipped: it is not on PyPI.

Usage: python scripts/audit.py [--strict] [--service pypi|osv]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path


def audit(service: str) -> tuple[dict | None, str]:
    """pip-audit's JSON report (None if it produced none) and what it said on stderr."""
    pip_audit = Path(sys.executable).with_name("pip-audit")
    command = [str(pip_audit), "--progress-spinner", "off", "--skip-editable", "-f", "json"]
    done = subprocess.run(
        [*command, "--vulnerability-service", service],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    try:
        return json.loads(done.stdout), done.stderr
    except json.JSONDecodeError:
        return None, done.stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--strict", action="store_true", help="fail when nothing was audited")
    parser.add_argument("--service", default="pypi", choices=["pypi", "osv"])
    args = parser.parse_args()
    unreachable = 2 if args.strict else 0
    report, stderr = audit(args.service)
    if report is None:
        last = stderr.strip().splitlines()[-1:] or ["no output"]
        print(f"audit: pip-audit could not query {args.service}: {last[0]}")
        return unreachable
    deps = report.get("dependencies", [])
    audited = [d for d in deps if "skip_reason" not in d]
    vulnerable = [d for d in audited if d.get("vulns")]
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fix yet"
            print(f"{dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixed})")
    if vulnerable:
        print(f"audit: {len(vulnerable)} of {len(audited)} dependencies have known vulnerabilities")
        return 1
    if not audited:
        print(
            f"audit: nothing audited: {args.service} did not answer for any of {len(deps)} "
            "dependencies (no network, or a mirror without the vulnerability API)"
        )
        return unreachable
    skipped = len(deps) - len(audited)
    print(f"audit: {len(audited)} dependencies audited, none vulnerable ({skipped} skipped)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
