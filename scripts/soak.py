#!/usr/bin/env python3
"""Soak run: many `personalize` processes at once against one owner, with faults injected, then an integrity check.

    scripts/soak.py [--minutes 3] [--parallel 4] [--seed 7] [--keep]

For the given time it keeps --parallel CLI processes running against one owner in a fresh data folder:
  enroll   a few photos into one of a handful of shared concepts (the same concept from several processes at once);
  recognize a few photos, half of them through a flaky VLM (a local server answering 500, text that is not JSON,
           an empty body, a body that trickles, or nothing at all), the rest offline;
  forget   a concept of its own that it enrolled just before (enrol then forget, both acknowledged);
and kills a fifth of all processes with SIGKILL at a random moment. At the end it checks what was acknowledged:
  every photo of an enrol that exited 0 is a reference of its concept exactly once, and its bytes are stored;
  every concept whose forget exited 0 (and that was not enrolled again) is gone;
  no process crashed (exit codes other than 0, 1, 2, or a killed one's -9; no "Unhandled exception");
  the index still reads (`concepts` exits 0), and no orphan photo or temporary file is left after that run.
With --worker it also runs `personalize worker` against a fresh Azurite (from .ci/node, as scripts/prerequisites.sh
installs it) on the same data folder, uploads photos to images/soak/ through the Blob REST API throughout, kills the
worker with SIGKILL at random moments and starts it again, and at the end checks that every acknowledged upload has
its result blob.
Prints the figures and exits 0 when everything holds, 1 otherwise.
Needs the built CLI: dotnet build src/Personalization.Cli -c Release.
"""
import argparse
import hashlib
import http.server
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLI = os.path.join(ROOT, "src", "Personalization.Cli", "bin", "Release", "net10.0", "personalize.dll")
DREAMBOOTH = os.path.join(os.path.dirname(ROOT), "shared", "datasets", "dreambooth")
OWNER = "soak"
SHARED_CONCEPTS = ["cat", "dog", "teapot"]


class FlakyVlm(http.server.BaseHTTPRequestHandler):
    """A chat-completions endpoint that never answers usefully: each request gets one fault, chosen at random."""

    def do_POST(self):  # noqa: N802 (http.server's name)
        length = int(self.headers.get("Content-Length", 0))
        self.rfile.read(length)
        fault = random.choice(["500", "not-json", "empty", "trickle", "silence", "no-choices"])
        try:
            if fault == "500":
                self.send_response(500)
                self.end_headers()
            elif fault == "silence":
                time.sleep(30)
            else:
                body = {"not-json": b"this is not json", "empty": b"", "no-choices": b'{"choices": []}',
                        "trickle": b'{"choices": [{"message": {"role": "assistant", "content": "{}"}}]}'}[fault]
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if fault == "trickle":
                    for b in body:
                        self.wfile.write(bytes([b]))
                        self.wfile.flush()
                        time.sleep(1)
                else:
                    self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def photos(subject):
    folder = os.path.join(DREAMBOOTH, subject)
    return sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".jpg"))


AZURITE_ACCOUNT = "devstoreaccount1"
AZURITE_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def blob_request(port, method, path, body=b"", content_type=""):
    """One Blob service call to Azurite, signed with the emulator's well-known shared key; returns (status, body)."""
    import base64
    import hmac
    import urllib.error
    import urllib.request
    from email.utils import formatdate
    date = formatdate(usegmt=True)
    headers = {"x-ms-date": date, "x-ms-version": "2021-08-06"}
    if method == "PUT":
        headers["x-ms-blob-type"] = "BlockBlob"
    canonical_headers = "".join(f"{k}:{v}\n" for k, v in sorted(headers.items()))
    length = str(len(body)) if body else ""
    to_sign = "\n".join([method, "", "", length, "", content_type, "", "", "", "", "", ""]) + "\n" + canonical_headers + f"/{AZURITE_ACCOUNT}/{AZURITE_ACCOUNT}/{path}"
    signature = base64.b64encode(hmac.new(base64.b64decode(AZURITE_KEY), to_sign.encode(), hashlib.sha256).digest()).decode()
    headers["Authorization"] = f"SharedKey {AZURITE_ACCOUNT}:{signature}"
    if content_type:
        headers["Content-Type"] = content_type
    request = urllib.request.Request(f"http://127.0.0.1:{port}/{AZURITE_ACCOUNT}/{path}", data=body if method == "PUT" else None, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except OSError:
        return 0, b""


class WorkerSoak:
    """Azurite, a worker killed and restarted at random, and uploads; then a check that every upload got its result."""

    def __init__(self, base, env, data, rng):
        self.base, self.env, self.data, self.rng = base, env, data, rng
        azurite = os.path.join(ROOT, ".ci", "node", "node_modules", ".bin", "azurite")
        if not os.path.exists(azurite):
            sys.exit("--worker needs Azurite in .ci/node: run scripts/prerequisites.sh")
        self.blob, queue, table = free_port(), free_port(), free_port()
        self.azurite = subprocess.Popen([azurite, "--silent", "--skipApiVersionCheck", "--loose", "--location", os.path.join(data, "azurite"),
                                         "--blobHost", "127.0.0.1", "--blobPort", str(self.blob), "--queueHost", "127.0.0.1", "--queuePort", str(queue),
                                         "--tableHost", "127.0.0.1", "--tablePort", str(table)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.storage = (f"DefaultEndpointsProtocol=http;AccountName={AZURITE_ACCOUNT};AccountKey={AZURITE_KEY};"
                        f"BlobEndpoint=http://127.0.0.1:{self.blob}/{AZURITE_ACCOUNT};QueueEndpoint=http://127.0.0.1:{queue}/{AZURITE_ACCOUNT};"
                        f"TableEndpoint=http://127.0.0.1:{table}/{AZURITE_ACCOUNT};")
        self.worker = None
        self.next_kill = None
        self.starts = self.kills = self.uploads = 0
        self.uploaded = []
        self.start_worker()

    def start_worker(self):
        log = open(os.path.join(self.data, f"worker-{self.starts:03d}.log"), "w")
        self.worker = subprocess.Popen(self.base + ["worker", "--storage", self.storage], stdout=log, stderr=subprocess.STDOUT, env=self.env)
        self.starts += 1
        self.next_kill = time.monotonic() + self.rng.uniform(8, 25)

    def tick(self, serial):
        if self.worker.poll() is not None:
            self.start_worker()  # it died (or was killed): a user's supervisor would start it again
        elif time.monotonic() >= self.next_kill:
            self.worker.send_signal(signal.SIGKILL)
            self.worker.wait()
            self.kills += 1
            self.start_worker()
        if self.rng.random() < 0.3:
            photo = self.rng.choice(photos(self.rng.choice(SHARED_CONCEPTS)))
            path = f"upload{serial:04d}-{self.rng.randrange(10**6)}.jpg"
            with open(photo, "rb") as f:
                status, _ = blob_request(self.blob, "PUT", f"images/{OWNER}/{path}", f.read(), "image/jpeg")
            if status == 201:
                self.uploads += 1
                self.uploaded.append(path)

    def finish(self, seconds):
        """Lets a last worker run without faults until every acknowledged upload has its result (or the time is up)."""
        if self.worker.poll() is not None:
            self.start_worker()
        missing = list(self.uploaded)
        deadline = time.monotonic() + seconds
        while missing and time.monotonic() < deadline:
            missing = [p for p in missing if blob_request(self.blob, "GET", f"results/{OWNER}/{p}.json")[0] != 200]
            time.sleep(1)
        self.worker.send_signal(signal.SIGTERM)
        try:
            code = self.worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.worker.kill()
            code = "no exit 30 s after SIGTERM"
        self.azurite.kill()
        problems = [f"upload {p}: no result" for p in missing]
        if code != 0:
            problems.append(f"worker exit after SIGTERM: {code}")
        return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=3)
    parser.add_argument("--parallel", type=int, default=4)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the data folder")
    parser.add_argument("--worker", action="store_true", help="also upload photos to a worker killed at random (needs Azurite in .ci/node)")
    parser.add_argument("--settle", type=int, default=300, help="with --worker: seconds the last worker gets to answer every upload")
    args = parser.parse_args()
    if not os.path.exists(CLI):
        sys.exit(f"build the CLI first: dotnet build src/Personalization.Cli -c Release ({CLI} not found)")
    rng = random.Random(args.seed)
    data = tempfile.mkdtemp(prefix="personalize-soak-")
    out = os.path.join(data, "out")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FlakyVlm)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    vlm = [
        "--set", "Reasoning:Provider=openai-compatible",
        "--set", f"Reasoning:Endpoint=http://127.0.0.1:{server.server_port}/v1",
        "--set", "Reasoning:Model=flaky", "--set", "Reasoning:ApiKey=soak",
        "--set", "Reasoning:TimeoutSeconds=2", "--set", "Reasoning:MaxRetries=0",
        "--set", "Reasoning:MaxSecondsPerImage=4",
    ]
    env = dict(os.environ, PERSONALIZATION_MODELS=os.environ.get("PERSONALIZATION_MODELS", os.path.join(os.path.dirname(ROOT), "shared", "models")))
    base = ["dotnet", CLI, "--data", data]

    acknowledged = {}      # concept -> set of photo hashes from enrolments that exited 0
    forgotten = set()      # own concepts whose enrol and forget both exited 0
    stats = {"processes": 0, "killed": 0, "crashed": 0, "exit": {}}
    crashes = []
    running = []           # (process, kind, detail, kill_at)
    serial = 0
    deadline = time.monotonic() + args.minutes * 60

    def start(kind, argv, detail):
        nonlocal serial
        serial += 1
        log = open(os.path.join(data, f"p{serial:04d}-{kind}.log"), "w+")
        process = subprocess.Popen(base + argv, stdout=log, stderr=subprocess.STDOUT, env=env)
        kill_at = time.monotonic() + rng.uniform(0.5, 6) if rng.random() < 0.2 else None
        running.append((process, kind, detail, kill_at, log))
        stats["processes"] += 1

    def launch():
        kind = rng.choice(["enroll", "enroll", "recognize", "forget"])
        if kind == "enroll":
            concept = rng.choice(SHARED_CONCEPTS)
            chosen = rng.sample(photos(concept), 2)
            start("enroll", ["enroll", "--owner", OWNER, "--name", concept, "--category", concept, *chosen], (concept, [sha256(p) for p in chosen]))
        elif kind == "recognize":
            chosen = rng.sample(photos(rng.choice(SHARED_CONCEPTS)), 2)
            extra = vlm if rng.random() < 0.5 else []
            start("recognize", ["recognize", "--owner", OWNER, "--out", os.path.join(out, str(serial)), *extra, *chosen], None)
        else:
            name = f"own{serial}"
            start("forget", ["enroll", "--owner", OWNER, "--name", name, "--category", "thing", photos("can")[0]], (name, "enrol"))

    soak_worker = WorkerSoak(base, env, data, rng) if args.worker else None
    while time.monotonic() < deadline or running:
        while time.monotonic() < deadline and len(running) < args.parallel:
            launch()
        time.sleep(0.2)
        if soak_worker is not None and time.monotonic() < deadline:
            soak_worker.tick(serial)
        for entry in list(running):
            process, kind, detail, kill_at, log = entry
            if kill_at is not None and process.poll() is None and time.monotonic() >= kill_at:
                process.send_signal(signal.SIGKILL)
                stats["killed"] += 1
            code = process.poll()
            if code is None:
                continue
            running.remove(entry)
            log.seek(0)
            text = log.read()
            log.close()
            stats["exit"][code] = stats["exit"].get(code, 0) + 1
            if code == -signal.SIGKILL:
                continue
            if code not in (0, 1, 2) or "Unhandled exception" in text:
                stats["crashed"] += 1
                crashes.append(f"{kind} exit {code}: {text.strip().splitlines()[-1] if text.strip() else ''}")
                continue
            if kind == "enroll" and code == 0:
                concept, hashes = detail
                acknowledged.setdefault(concept, set()).update(hashes)
            elif kind == "forget" and code == 0 and detail[1] == "enrol":
                name = detail[0]
                start("forget", ["forget", "--owner", OWNER, "--name", name], (name, "forget"))
            elif kind == "forget" and code == 0 and detail[1] == "forget":
                forgotten.add(detail[0])

    server.shutdown()
    problems = list(crashes)
    if soak_worker is not None:
        problems += soak_worker.finish(args.settle)
    listing = subprocess.run(base + ["concepts", "--owner", OWNER], capture_output=True, text=True, env=env)
    if listing.returncode != 0:
        problems.append(f"concepts exited {listing.returncode}: {listing.stderr.strip()}")
    index_file = os.path.join(data, "owners", OWNER, "concepts.json")
    concepts = {c["Name"]: c for c in json.load(open(index_file))} if os.path.exists(index_file) else {}
    for concept, hashes in acknowledged.items():
        stored = [r["ContentHash"] for r in concepts.get(concept, {}).get("References", [])]
        for h in hashes:
            if stored.count(h) != 1:
                problems.append(f"<{concept}>: acknowledged photo {h[:12]} stored {stored.count(h)} times")
    for name in forgotten:
        if name in concepts:
            problems.append(f"<{name}>: forgotten but still there")
    images = os.path.join(data, "images", OWNER)
    on_disk = set(os.listdir(images)) if os.path.isdir(images) else set()
    referenced = {r["ContentHash"] for c in concepts.values() for r in c.get("References", [])}
    referenced |= {n["ContentHash"] for c in concepts.values() for n in (c.get("Negatives") or [])}
    for h in referenced - on_disk:
        problems.append(f"photo {h[:12]} referenced but not stored")
    leftovers = [f for f in on_disk - referenced]
    leftovers += [f for f in os.listdir(os.path.join(data, "owners", OWNER)) if f.endswith(".tmp")] if os.path.isdir(os.path.join(data, "owners", OWNER)) else []
    if leftovers:
        problems.append(f"left over after the final run: {', '.join(sorted(leftovers)[:5])}")

    writes = sum(len(h) for h in acknowledged.values())
    print(f"soak: {args.minutes:g} min, {args.parallel} at once, seed {args.seed}: {stats['processes']} processes, "
          f"{stats['killed']} killed with SIGKILL, exit codes {dict(sorted(stats['exit'].items()))}, {stats['crashed']} crashed")
    print(f"soak: {writes} acknowledged enrolled photos in {len(acknowledged)} concepts, {len(forgotten)} acknowledged forgets, "
          f"{len(concepts)} concepts at the end")
    if soak_worker is not None:
        print(f"soak: worker started {soak_worker.starts} times, {soak_worker.kills} killed with SIGKILL; "
              f"{soak_worker.uploads} acknowledged uploads, each checked for its result blob")
    for p in problems:
        print(f"problem: {p}")
    print("integrity: OK" if not problems else f"integrity: {len(problems)} problem(s)")
    if args.keep:
        print(f"data kept in {data}")
    else:
        shutil.rmtree(data, ignore_errors=True)
    sys.exit(0 if not problems else 1)


if __name__ == "__main__":
    main()
