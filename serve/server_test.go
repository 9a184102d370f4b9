package serve_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"regulars/model"
	"regulars/serve"
	"regulars/store"
)

// These tests run the real OpenSSH client (.ci/run installs it) against a
// server on 127.0.0.1 at a free port.

type key struct {
	path string // private key file for ssh -i
	line string // authorized_keys form
}

func newKey(t *testing.T, dir, name string) key {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	sp, err := gossh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return key{path: path, line: strings.TrimSpace(string(gossh.MarshalAuthorizedKey(sp)))}
}

type fixture struct {
	t      *testing.T
	dir    string
	people string
	addr   string
	srv    *serve.Server
	store  *store.Store
	logs   *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func start(t *testing.T, people string, max int) *fixture {
	t.Helper()
	return startIdle(t, people, max, 0)
}

func startIdle(t *testing.T, people string, max int, idle time.Duration) *fixture {
	t.Helper()
	if _, err := exec.LookPath("ssh"); err != nil {
		t.Fatal("the OpenSSH client is needed (apt-get install openssh-client)")
	}
	dir := t.TempDir()
	f := &fixture{t: t, dir: dir, people: filepath.Join(dir, "people"), logs: &syncBuffer{}}
	if err := os.WriteFile(f.people, []byte(people), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(filepath.Join(dir, "regulars.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.CreateCustomer(context.Background(), &model.Customer{Name: "Anna Schmidt"}); err != nil {
		t.Fatal(err)
	}
	f.store = s
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f.addr = l.Addr().String()
	f.srv, err = serve.New(serve.Config{
		Listen:      f.addr,
		People:      f.people,
		HostKey:     filepath.Join(dir, "host_ed25519"),
		MaxSessions: max,
		Idle:        idle,
		Log:         slog.New(slog.NewTextHandler(f.logs, nil)),
		Interface:   serve.NotebookInterface(s.Path(), time.Now),
	})
	if err != nil {
		l.Close()
		t.Fatal(err)
	}
	go f.srv.Serve(l)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		f.srv.Shutdown(ctx)
	})
	return f
}

// session is one ssh client process.
type session struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	out    *syncBuffer
	done   chan struct{}
	err    error
	stderr *syncBuffer
	logs   *syncBuffer // the server's log, for a failure's message
}

func (f *fixture) ssh(k key, extra ...string) *session {
	f.t.Helper()
	host, port, _ := net.SplitHostPort(f.addr)
	args := []string{"-F", "/dev/null", "-p", port, "-i", k.path,
		"-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=no",
		"-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR"}
	args = append(args, extra...)
	args = append(args, host)
	cmd := exec.Command("ssh", args...)
	s := &session{cmd: cmd, out: &syncBuffer{}, stderr: &syncBuffer{}, done: make(chan struct{}), logs: f.logs}
	cmd.Stdout, cmd.Stderr = s.out, s.stderr
	var err error
	if s.stdin, err = cmd.StdinPipe(); err != nil {
		f.t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		f.t.Fatal(err)
	}
	go func() { s.err = cmd.Wait(); close(s.done) }()
	f.t.Cleanup(func() {
		cmd.Process.Kill()
		<-s.done
	})
	return s
}

var ansi = regexp.MustCompile(`\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[@-Z\\-_]`)

// screenText is what the session printed, without escape sequences.
func (s *session) screenText() string { return ansi.ReplaceAllString(s.out.String(), "") }

// shows reports whether the session printed text. The renderer may move
// the cursor over a blank instead of writing it, so blanks are left out of
// the comparison.
func (s *session) shows(text string) bool {
	return strings.Contains(s.screenText(), text) || strings.Contains(noBlanks(s.screenText()), noBlanks(text))
}

func noBlanks(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\r' || r == '\n' {
			return -1
		}
		return r
	}, s)
}

func (s *session) waitFor(t *testing.T, text string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if s.shows(text) {
			return
		}
		select {
		case <-s.done:
			if s.shows(text) {
				return
			}
			t.Fatalf("ssh ended (%v) without showing %q; stdout %q, stderr %q", s.err, text, s.screenText(), s.stderr.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	if os.Getenv("SERVE_STACKS") != "" {
		buf := make([]byte, 1<<22)
		os.WriteFile(os.Getenv("SERVE_STACKS"), buf[:runtime.Stack(buf, true)], 0o600)
	}
	t.Fatalf("no %q after 15 s; stdout %q, stderr %q; server log:\n%s", text, s.screenText(), s.stderr.String(), s.logs.String())
}

func (s *session) wait(t *testing.T) error {
	t.Helper()
	select {
	case <-s.done:
		return s.err
	case <-time.After(15 * time.Second):
		t.Fatalf("ssh still running; stdout %q, stderr %q", s.screenText(), s.stderr.String())
		return nil
	}
}

func TestListedKeyGetsTheList(t *testing.T) {
	dir := t.TempDir()
	maya := newKey(t, dir, "maya")
	f := start(t, maya.line+" maya staff\n", 0)
	s := f.ssh(maya, "-tt")
	s.waitFor(t, "Anna Schmidt")
	io.WriteString(s.stdin, "q")
	if err := s.wait(t); err != nil {
		t.Fatalf("ssh after q: %v (%s)", err, s.stderr.String())
	}
	if logs := f.logs.String(); !strings.Contains(logs, "connected") || !strings.Contains(logs, "who=maya") {
		t.Errorf("no connection logged: %s", logs)
	}
	fi, err := os.Stat(filepath.Join(f.dir, "host_ed25519"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("host key: %v, mode %v", err, fi.Mode())
	}
	if fp := f.srv.Fingerprint(); !strings.HasPrefix(fp, "SHA256:") {
		t.Errorf("fingerprint %q", fp)
	}
}

func TestUnlistedKeyRefused(t *testing.T) {
	dir := t.TempDir()
	maya, stranger := newKey(t, dir, "maya"), newKey(t, dir, "stranger")
	f := start(t, maya.line+" maya staff\n", 0)
	s := f.ssh(stranger, "-tt")
	if err := s.wait(t); err == nil {
		t.Fatal("a key not in the people file got in")
	}
	if !strings.Contains(s.stderr.String(), "Permission denied") {
		t.Errorf("stderr %q", s.stderr.String())
	}
	if strings.Contains(s.screenText(), "Anna") {
		t.Error("the notebook was shown to a stranger")
	}
}

func TestPasswordRefused(t *testing.T) {
	dir := t.TempDir()
	maya := newKey(t, dir, "maya")
	f := start(t, maya.line+" maya staff\n", 0)
	s := f.ssh(maya, "-tt", "-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password,keyboard-interactive")
	if err := s.wait(t); err == nil {
		t.Fatal("got in without a key")
	}
	if got := s.stderr.String(); !strings.Contains(got, "Permission denied (publickey)") {
		t.Errorf("stderr %q: the server should offer public keys only", got)
	}
}

func TestCommandRefused(t *testing.T) {
	dir := t.TempDir()
	maya := newKey(t, dir, "maya")
	f := start(t, maya.line+" maya owner\n", 0)
	host, port, _ := net.SplitHostPort(f.addr)
	cmd := exec.Command("ssh", "-F", "/dev/null", "-p", port, "-i", maya.path, "-o", "IdentitiesOnly=yes",
		"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
		"-o", "LogLevel=ERROR", host, "cat", "/etc/passwd")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("a command ran: %s", out)
	}
	if !strings.Contains(string(out), "only the notebook's interface") || strings.Contains(string(out), "root:") {
		t.Errorf("output %q", out)
	}
}

// A key taken out of the people file is refused from the next connection,
// with no restart.
func TestKeyRemovedWithoutRestart(t *testing.T) {
	dir := t.TempDir()
	maya, owner := newKey(t, dir, "maya"), newKey(t, dir, "owner")
	f := start(t, maya.line+" maya staff\n"+owner.line+" maria owner\n", 0)
	s := f.ssh(maya, "-tt")
	s.waitFor(t, "Anna Schmidt")
	io.WriteString(s.stdin, "q")
	s.wait(t)
	if err := os.WriteFile(f.people, []byte(owner.line+" maria owner\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s = f.ssh(maya, "-tt")
	if err := s.wait(t); err == nil {
		t.Fatal("a removed key got in")
	}
}

func TestMaxSessions(t *testing.T) {
	dir := t.TempDir()
	maya := newKey(t, dir, "maya")
	f := start(t, maya.line+" maya staff\n", 1)
	first := f.ssh(maya, "-tt")
	first.waitFor(t, "Anna Schmidt")
	second := f.ssh(maya, "-tt")
	if err := second.wait(t); err == nil {
		t.Error("a second session got in past the limit of one")
	}
	if got := second.stderr.String(); !strings.Contains(got, "1 person is connected already, the most this notebook takes") {
		t.Errorf("stderr %q", got)
	}
	io.WriteString(first.stdin, "q")
	first.wait(t)
}

// Shutting the server down ends every session and tells the person why.
func TestShutdownTellsPeople(t *testing.T) {
	dir := t.TempDir()
	maya := newKey(t, dir, "maya")
	f := start(t, maya.line+" maya staff\n", 0)
	s := f.ssh(maya, "-tt")
	s.waitFor(t, "Anna Schmidt")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := f.srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	s.waitFor(t, "closed by its owner")
	s.wait(t)
}

func TestParsePeople(t *testing.T) {
	dir := t.TempDir()
	k := newKey(t, dir, "k")
	for _, tc := range []struct {
		file, want string
	}{
		{k.line + " maya staff\n# comment\n\n" + k.line + " maria OWNER\n", ""},
		{k.line + "\n", "line 1: after the key write a name and a role"},
		{k.line + " maya boss\n", `line 1: role "boss"`},
		{"\n" + "ssh-ed25519 AAAAnotakey maya staff\n", "line 2: not a public key"},
		{`command="ls" ` + k.line + " maya staff\n", "key options"},
	} {
		people, err := serve.ParsePeople([]byte(tc.file))
		if tc.want == "" {
			if err != nil || len(people) != 2 || people[1].Role != serve.Owner || people[0].Name != "maya" {
				t.Errorf("ParsePeople = %v, %v", people, err)
			}
			continue
		}
		if got := model.ErrorMessage(err); !strings.Contains(got, tc.want) {
			t.Errorf("ParsePeople(%q) = %q, want %q", tc.file, got, tc.want)
		}
	}
}

// A connection dropped while typing loses nothing: the next session offers
// the draft back.
func TestDroppedConnectionKeepsDraft(t *testing.T) {
	dir := t.TempDir()
	maya := newKey(t, dir, "maya")
	f := start(t, maya.line+" maya staff\n", 0)
	s := f.ssh(maya, "-tt")
	s.waitFor(t, "Anna Schmidt")
	io.WriteString(s.stdin, "n")
	s.waitFor(t, "New note for Anna")
	io.WriteString(s.stdin, "Off to Germany next week")
	time.Sleep(300 * time.Millisecond) // typed, and less than the draft's one-second save
	s.cmd.Process.Kill()               // the connection drops: no quit, no save key
	s.wait(t)
	deadline := time.Now().Add(10 * time.Second)
	for f.srv.Sessions() > 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	var body string
	if err := f.store.DB().QueryRow(`SELECT body FROM drafts WHERE customer_id = 1 AND form = 'note'`).Scan(&body); err != nil {
		t.Fatalf("no draft kept after the connection dropped: %v", err)
	}
	if !strings.Contains(body, "Off to Germany next week") {
		t.Fatalf("draft = %q", body)
	}
	again := f.ssh(maya, "-tt")
	again.waitFor(t, "Anna Schmidt")
	io.WriteString(again.stdin, "n")
	again.waitFor(t, "Restored")
}

// Two people at once: what one writes reaches the other's screen within a
// second or so, both write notes to the same customer at the same moment
// without "database is locked", and each note is signed.
func TestTogether(t *testing.T) {
	dir := t.TempDir()
	maya, maria := newKey(t, dir, "maya"), newKey(t, dir, "maria")
	f := start(t, maya.line+" maya staff\n"+maria.line+" maria owner\n", 0)
	a, b := f.ssh(maya, "-tt"), f.ssh(maria, "-tt")
	a.waitFor(t, "Anna Schmidt")
	b.waitFor(t, "Anna Schmidt")
	// Written elsewhere (a command in another terminal): both screens show it.
	if err := f.store.CreateCustomer(context.Background(), &model.Customer{Name: "Ben Okafor"}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	a.waitFor(t, "Ben Okafor")
	b.waitFor(t, "Ben Okafor")
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("the new customer took %s to show", took)
	}
	// Both write a note to Anna at once.
	for _, s := range []*session{a, b} {
		io.WriteString(s.stdin, "gn") // top of the list (Anna), new note
	}
	a.waitFor(t, "New note for Anna")
	b.waitFor(t, "New note for Anna")
	io.WriteString(a.stdin, "Maya's note")
	io.WriteString(b.stdin, "Maria's note")
	time.Sleep(200 * time.Millisecond)
	io.WriteString(a.stdin, "\x13") // ctrl+s
	io.WriteString(b.stdin, "\x13")
	a.waitFor(t, "Note saved")
	b.waitFor(t, "Note saved")
	rows, err := f.store.DB().Query(`SELECT text, author FROM notes ORDER BY text`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var text, author string
		rows.Scan(&text, &author)
		got = append(got, text+" by "+author)
	}
	if want := []string{"Maria's note by maria", "Maya's note by maya"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("notes %q, want %q", got, want)
	}
	for _, s := range []*session{a, b} {
		if strings.Contains(s.screenText(), "locked") || strings.Contains(s.screenText(), "busy") {
			t.Errorf("a writer was refused: %q", s.screenText())
		}
	}
}

// Staff never see a private note; the owner does.
func TestStaffSeeNoPrivateNotes(t *testing.T) {
	dir := t.TempDir()
	maya, maria := newKey(t, dir, "maya"), newKey(t, dir, "maria")
	f := start(t, maya.line+" maya staff\n"+maria.line+" maria owner\n", 0)
	if err := f.store.AddNote(context.Background(), &model.Note{CustomerID: 1, Text: "Divorce papers signed", Private: true}); err != nil {
		t.Fatal(err)
	}
	staff := f.ssh(maya, "-tt")
	staff.waitFor(t, "Anna Schmidt")
	io.WriteString(staff.stdin, "\r") // open the card
	staff.waitFor(t, "Talking points")
	io.WriteString(staff.stdin, "p") // the screen-safe toggle does nothing for staff
	time.Sleep(300 * time.Millisecond)
	if strings.Contains(staff.screenText(), "Divorce") {
		t.Errorf("staff saw a private note: %q", staff.screenText())
	}
	owner := f.ssh(maria, "-tt")
	owner.waitFor(t, "Anna Schmidt")
	io.WriteString(owner.stdin, "\r")
	owner.waitFor(t, "Divorce papers signed")
}

// No forwarding: a remote port forward is refused, so ssh gives up.
func TestForwardingRefused(t *testing.T) {
	dir := t.TempDir()
	maya := newKey(t, dir, "maya")
	f := start(t, maya.line+" maya owner\n", 0)
	s := f.ssh(maya, "-N", "-o", "ExitOnForwardFailure=yes", "-R", "127.0.0.1:0:127.0.0.1:9")
	if err := s.wait(t); err == nil {
		t.Fatal("a remote port forward was accepted")
	}
	if got := s.stderr.String(); !strings.Contains(got, "forwarding failed") {
		t.Errorf("stderr %q", got)
	}
}

// A session nobody types into ends after the idle time.
func TestIdleSessionEnds(t *testing.T) {
	dir := t.TempDir()
	maya := newKey(t, dir, "maya")
	f := startIdle(t, maya.line+" maya staff\n", 0, 700*time.Millisecond)
	s := f.ssh(maya, "-tt")
	s.waitFor(t, "Anna Schmidt")
	s.wait(t) // ends by itself; wait fails the test after 15 s
}
