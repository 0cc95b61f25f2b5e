# Generates N small Dockerfiles (caseNNNN/Dockerfile, some with a .dockerignore) that exercise every build check;
# usage: generate.py N SEED
import random, os, sys
random.seed(int(sys.argv[2]))
n = int(sys.argv[1])
bases = ["${IMG}", "${BASE:-busybox}", "busybox@sha256:0000000000000000000000000000000000000000000000000000000000000000", "BusyBox", "busybox", "scratch", "busybox:latest", "$BASE", "${BASE}", "busybox${V}", "busybox:${TAG}", "$UNDEF", "busybox:${TAG:-latest}"]
names = ["build", "Build", "base", "scratch", "context", "b1", "final", "amd64", "build-arm64"]
def instr(stages):
    c = random.choice
    opts = [
        lambda: "ENV " + c(["a b", "a=b", "A=1 B=$A", "PATH=$PAHT:/x", "SECRET_TOKEN=x", "MY_PASSWORD x", "public_key=1", "X=${Y:-z}", "K=\"v w\""]),
        lambda: "LABEL " + c(["a b", "a=b", "x=$undefined", "maintainer=\"me\""]),
        lambda: "ARG " + c(["foo", "foo=bar", "bar=$foo", "API_KEY", "TAG", "BASE", "x=$nope", "AUTH_MODULE_VERSION=1", "V"]),
        lambda: "COPY " + c(["a /a", "$foo /x", "${nope} /y", "--from=0 /x /y", "--chown=$USER:1 a /a", "./Dockerfile .", ". .", "secret.txt /s", "dir/file /f"]),
        lambda: "ADD " + c(["a /a", "$foo /x", "secret.txt /s", "https://example.com/x /x"]),
        lambda: "WORKDIR " + c(["/app", "app", "rel/dir", "$HOME/x", "${WD}", "/abs/$X"]),
        lambda: "CMD " + c(["echo hi", "[\"echo\", \"hi\"]", "echo $x"]),
        lambda: "ENTRYPOINT " + c(["run.sh", "[\"run.sh\"]"]),
        lambda: "HEALTHCHECK CMD " + c(["true", "[\"true\"]"]),
        lambda: "EXPOSE " + c(["80", "80/TCP", "80/udp 443/Tcp", "127.0.0.1:80:80", "8080:80", "$PORT", "8000-8010/tcp"]),
        lambda: "RUN " + c(["echo $x", "true", "--mount=type=cache,target=/c$x true", "<<EOF\necho $v\nEOF"]),
        lambda: "MAINTAINER me",
        lambda: "SHELL [\"/bin/sh\", \"-c\"]",
        lambda: "USER " + c(["root", "$U", "1000"]),
        lambda: "VOLUME " + c(["/data", "$VOL"]),
        lambda: "STOPSIGNAL SIGTERM",
        lambda: "ONBUILD " + c(["RUN true", "COPY $later /l"]),
        lambda: "COPY <<EOF /f\n" + c(["$a", "$PATH", "${varB}", "plain"]) + "\nEOF",
        lambda: "COPY <<'EOF' /f\n$notexpanded\nEOF",
        lambda: "run echo lower",
        lambda: "Copy a /b",
        lambda: "ENV X \\\n\n    y",
        lambda: "RUN --mount=type=bind,from=" + c(["build", "base", "0"]) + ",target=/m true",
        lambda: "COPY --from=" + c(["build", "base", "final", "1", "busybox"]) + " /x /y",
        lambda: "HEALTHCHECK NONE",
        lambda: "EXPOSE " + c(["abc", "80/xyz", "1.2.3.4:80", "70000", "80-70", "::80", "[::1]:80:80/TcP"]),
        lambda: "WORKDIR " + c(["C:\\go", "~/x", "./rel", ".."]),
        lambda: "ENV " + c(["A=${B:?must be set}", "Q='unterminated", "E=\"$E:x\"", "AWS_SECRET_ACCESS_KEY=x", "TOKEN_FILE=/t", "LONG=a\\\n  b=c"]),
        lambda: "ARG " + c(["TARGETARCH", "BUILDPLATFORM", "A B C", "PASSWORD=$TARGETOS", "X=${TARGETPLATFORM}"]),
        lambda: "COPY " + c(["$TARGETARCH/x /x", "${BUILDPLATFORM} /b", "--chmod=$MODE a /a", "a b c /d/"]),
        lambda: "STOPSIGNAL " + c(["9", "SIGKILL", "sigusr1", "BOGUS", "$SIG", "RTMIN+3"]),
        lambda: "USER ${UID:-1000}:${GID}",
        lambda: "LABEL " + c(["a=1 b=2 c 3", "\"k k\"=v", "x=\"$HOSTNAME\""]),
        lambda: "ADD --checksum=$SUM https://example.com/f /f",
        lambda: "ENTRYPOINT " + c(["[\"a\"]", "a b"]),
        lambda: "CMD " + c(["[\"a\"]", "b c"]),
        lambda: "RUN <<EOF\n$x\nEOF",
    ]
    return c(opts)()
cases = []
for i in range(n):
    lines = []
    declared = []
    ignore = random.random() < 0.3
    if ignore:
        lines.append("# check=experimental=CopyIgnoredFile")
    elif random.random() < 0.15:
        lines.append("# check=" + random.choice(["skip=all", "skip=LegacyKeyValueFormat", "error=true", "skip=JSONArgsRecommended;error=true", "experimental=all", "skip=UndefinedVar,SecretsUsedInArgOrEnv"]))
    if random.random() < 0.1:
        lines.insert(0, "# escape=`")
    for _ in range(random.randint(0, 3)):
        lines.append("ARG " + random.choice(["BASE=busybox", "BASE", "TAG=latest", "TAG", "V", "V=", "P=linux/amd64", "tag=1", "SECRET=1", "IMG=busybox:latest", "Q=${TAG}x"]))
    for s in range(random.randint(1, 4)):
        frm = random.choice(["FROM", "FROM", "from", "From"])
        plat = random.choice(["", "", "", "--platform=linux ", "--platform=linux/arm64 ", "--platform=$TARGETOS/$TARGETARCH ", "--platform=bogus/x/y/z ", "--platform=$BUILDPLATFORM ", "--platform=$TARGETPLATFORM ", "--platform=linux/amd64 ", "--platform=$P ", "--platform=${BULIDPLATFORM} "])
        base = random.choice(bases + (declared if s > 0 else []))
        line = frm + " " + plat + base
        if random.random() < 0.6:
            nm = random.choice(names)
            line += " " + random.choice(["AS", "as", "As"]) + " " + nm
            declared.append(nm.lower())
        if random.random() < 0.15:
            lines.append("# " + random.choice(["a comment", "build the thing"]))
        lines.append(line)
        for _ in range(random.randint(0, 6)):
            lines.append(instr(s))
    d = "case%04d" % i
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, "Dockerfile"), "w").write("\n".join(lines) + "\n")
    if ignore:
        open(os.path.join(d, ".dockerignore"), "w").write(random.choice(["secret.txt\n", "*\n", "dir\n", "secret.txt\n!keep\n", "**/Dockerfile\n", ".*\n"]))
    for f in ["a", "secret.txt"]:
        open(os.path.join(d, f), "w").write("x")
