package sandbox

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// The official Python and Node libraries are not installed here; these
// tests run the HTTP stacks they sit on, configured only by InterceptEnv:
// twilio-python's client is a requests.Session (which reads HTTPS_PROXY
// and REQUESTS_CA_BUNDLE), twilio-node's tunnels through HTTP_PROXY with
// Node's TLS (which adds NODE_EXTRA_CA_CERTS to its roots).

// pythonScript starts a verification, reads its code from the outbox and
// checks it, all over https://verify.twilio.com.
const pythonScript = `
import sys, requests
sid, token, svc, to = sys.argv[1:5]
base = "https://verify.twilio.com"
s = requests.Session()
s.auth = (sid, token)
r = s.post(base + "/v2/Services/" + svc + "/Verifications", data={"To": to, "Channel": "sms"})
assert r.status_code == 201, r.text
code = s.get(base + "/sandbox/v1/Messages", params={"To": to}).json()["messages"][0]["code"]
r = s.post(base + "/v2/Services/" + svc + "/VerificationCheck", data={"To": to, "Code": code})
print("status:", r.json()["status"])
`

// nodeScript does the same the way twilio-node's proxy agent does: a
// CONNECT to HTTP_PROXY, then HTTPS over the tunnel with Node's roots.
const nodeScript = `
const http = require("http"), https = require("https"), tls = require("tls");
const [sid, token, svc, to] = process.argv.slice(1); // node -e: no script path
const proxy = new URL(process.env.HTTP_PROXY);
function call(method, path, form) {
  return new Promise((resolve, reject) => {
    const connect = http.request({ host: proxy.hostname, port: proxy.port, method: "CONNECT", path: "verify.twilio.com:443" });
    connect.on("error", reject);
    connect.on("connect", (res, socket) => {
      if (res.statusCode !== 200) return reject(new Error("CONNECT " + res.statusCode));
      const body = form ? new URLSearchParams(form).toString() : "";
      const req = https.request({
        method, path, host: "verify.twilio.com",
        headers: {
          Authorization: "Basic " + Buffer.from(sid + ":" + token).toString("base64"),
          "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body),
        },
        createConnection: () => tls.connect({ socket, servername: "verify.twilio.com" }),
      }, (resp) => {
        let data = "";
        resp.on("data", (d) => (data += d));
        resp.on("end", () => resolve(JSON.parse(data)));
      });
      req.on("error", reject);
      req.end(body);
    });
    connect.end();
  });
}
(async () => {
  const v = await call("POST", "/v2/Services/" + svc + "/Verifications", { To: to, Channel: "sms" });
  if (v.status !== "pending") throw new Error(JSON.stringify(v));
  const m = await call("GET", "/sandbox/v1/Messages?To=" + encodeURIComponent(to));
  const c = await call("POST", "/v2/Services/" + svc + "/VerificationCheck", { To: to, Code: m.messages[0].code });
  console.log("status:", c.status);
})().catch((e) => { console.error(e); process.exit(1); });
`

func TestInterceptPythonRequests(t *testing.T) {
	runLanguage(t, "python3", []string{"-c", pythonScript}, "import requests")
}

func TestInterceptNode(t *testing.T) {
	runLanguage(t, "node", []string{"-e", nodeScript}, "")
}

// runLanguage runs an interpreter's script with only InterceptEnv to find
// the sandbox, and wants it to approve; it skips when the interpreter (or
// the module probe) is missing, unless TWILIO_VERIFY_REQUIRE_INTEGRATION=1.
func runLanguage(t *testing.T, interpreter string, args []string, probe string) {
	path, err := exec.LookPath(interpreter)
	if err == nil && probe != "" {
		err = exec.Command(path, "-c", probe).Run()
	}
	if err != nil {
		if os.Getenv("TWILIO_VERIFY_REQUIRE_INTEGRATION") == "1" {
			t.Fatalf("%s: %v", interpreter, err)
		}
		t.Skipf("%s unavailable: %v", interpreter, err)
	}
	e := newInterceptEnv(t)
	cmd := exec.Command(path, append(args, e.sb.AccountSID(), e.sb.AuthToken(), e.demo, NumberMobile)...)
	cmd.Env = append(cleanEnv(os.Environ()), InterceptEnv(e.srv.URL(), e.ca.CertPath)...)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "status: approved") {
		t.Fatalf("%s: %v\n%s", interpreter, err, out)
	}
}
