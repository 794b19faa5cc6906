"""Print a random sample of merged entities, to check by reading that no two different
people were made one.

A merged entity is a global entity (``entity_profiles``) seen in more than one article or
grouping more than one article-level id. For each: its name and id, how it was merged
(the methods of its members), its aliases with counts, countries and roles. Read them and
count the entities that join two different people.

    python scripts/audit_entities.py --db store.duckdb [--sample 100] [--type PERSON]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a store after `newsgraph resolve`")
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--type", default="PERSON", help="entity type (ALL for every type)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--kb",
        choices=("all", "yes", "no"),
        default="all",
        help="only KB entities, only entities the KB lacks, or both",
    )
    args = parser.parse_args()

    from newsgraph.store import Store

    with Store(args.db, read_only=True) as store:
        rows = store.rows(
            """SELECT p.*, list(c.entity_id ORDER BY c.entity_id) AS members,
                      list(DISTINCT c.method) AS methods
               FROM entity_profiles p JOIN entity_clusters c ON c.cluster_id = p.id
               WHERE (? = 'ALL' OR p.type = ?)
               GROUP BY ALL
               HAVING p.articles > 1 OR count(*) > 1
               ORDER BY p.id""",
            [args.type, args.type],
        )
    if args.kb != "all":
        rows = [r for r in rows if bool(r["kb"]) == (args.kb == "yes")]
    sample = random.Random(args.seed).sample(rows, min(args.sample, len(rows)))
    print(f"{len(rows)} merged {args.type} entities; a sample of {len(sample)}:\n")
    for n, r in enumerate(sorted(sample, key=lambda r: r["name"]), start=1):
        aliases = json.loads(r["aliases"])
        roles = [
            x["role"] + (f" ({x['country']})" if x.get("country") else "")
            for x in json.loads(r["roles"])
        ]
        print(
            f"{n:3}. {r['name']}  [{r['id']}; {'KB' if r['kb'] else 'no KB'}; "
            f"{r['articles']} articles, {r['mentions']} mentions; "
            f"{len(r['members'])} ids via {', '.join(sorted(r['methods']))}]"
        )
        print("     aliases: " + "; ".join(f"{a} ×{c}" for a, c in aliases.items()))
        countries = json.loads(r["countries"]) or ({r["country"]: "KB"} if r["country"] else {})
        if countries or roles:
            print(f"     countries: {countries or '-'}  roles: {', '.join(roles) or '-'}")


if __name__ == "__main__":
    main()
