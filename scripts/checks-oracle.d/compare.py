# Compares BuildKit's findings (caseNNNN/bk.json) with stagesh's (caseNNNN/me.json); prints the count and each difference.
import json, sys, os, glob
same = 0; diffs = []
for d in sorted(glob.glob("case*")):
    try:
        bk = json.load(open(os.path.join(d, "bk.json")))
    except Exception as e:
        diffs.append((d, "no bk json: " + open(os.path.join(d, "bk.err")).read()[-300:])); continue
    me = json.load(open(os.path.join(d, "me.json")))
    def key(w):
        return (w["ruleName"], w["detail"], tuple((r["start"].get("line",0), r["end"].get("line",0)) for r in w.get("location",{}).get("ranges",[])))
    import re
    # Docker 28.5's BuildKit predates the file/version allow tokens of SecretsUsedInArgOrEnv (Jan 2026)
    newer = re.compile(r'(?i)(?:_|^)(?:file|version)(?:_|$)')
    def older_only(w):
        m = re.search(r'\((?:ARG|ENV) "(.*)"\)$', w["detail"])
        return w["ruleName"] == "SecretsUsedInArgOrEnv" and m and newer.search(m.group(1))
    a = sorted(map(key, [w for w in (bk.get("warnings") or []) if not older_only(w)])); b = sorted(map(key, me.get("warnings") or []))
    def norm(e):
        # the rules of a lint violation come in Go's map order
        if e and e.startswith("lint violation found for rules: "):
            return "lint violation: " + ",".join(sorted(e[len("lint violation found for rules: "):].split(", ")))
        return e
    ea = norm((bk.get("buildError") or {}).get("message")); eb = norm((me.get("buildError") or {}).get("message"))
    if ea and "failed to resolve source metadata" in ea:
        # BuildKit tried to pull an image this machine cannot have (no registry): not comparable
        skipped = globals().setdefault("skipped", [])
        skipped.append(d)
        continue
    if a == b and ea == eb:
        same += 1
    else:
        miss = [x for x in a if x not in b]; extra = [x for x in b if x not in a]
        diffs.append((d, {"missing": miss, "extra": extra, "bkerr": ea, "myerr": eb}))
print(same, "of", same + len(diffs), "same;", len(globals().get("skipped", [])), "skipped (BuildKit needed a pull)")
for d, x in diffs:
    print(d, x)
