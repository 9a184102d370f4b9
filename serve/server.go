package serve

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"os"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	bm "charm.land/wish/v2/bubbletea"
	"charm.land/wish/v2/recover"
	gossh "golang.org/x/crypto/ssh"

	"regulars/model"
	"regulars/tui"
)

// Config says how to serve.
type Config struct {
	// Listen is the address to listen on, such as 127.0.0.1:2323.
	Listen string
	// People is the people file (see ParsePeople); read at every login.
	People string
	// HostKey is the server's private key file, made (0600) when missing.
	HostKey string
	// Idle ends a session nobody typed into for this long; 0 never does.
	Idle time.Duration
	// MaxSessions caps the people connected at once; 0 means 8.
	MaxSessions int
	// Log receives one line per connection and per refusal.
	Log *slog.Logger
	// Interface makes the interface for one person's session. Its context
	// ends when the session does.
	Interface func(ctx context.Context, p Person) tea.Model
}

// Server serves the interface to the people in the people file.
type Server struct {
	cfg  Config
	srv  *ssh.Server
	fp   string
	mu   sync.Mutex
	open map[*tea.Program]Person // the sessions running now
	down bool                    // shutting down: no new sessions
}

type (
	personKey  struct{}
	modelKey   struct{}
	programKey struct{}
)

// draftKeeper is an interface that can save what is being typed once its
// program has stopped.
type draftKeeper interface{ KeepDraft() error }

// New prepares a server: it makes the host key when there is none and
// checks that the people file can be read.
func New(cfg Config) (*Server, error) {
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = 8
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	if cfg.Interface == nil {
		return nil, model.Errorf(model.EINTERNAL, "serve: no interface to serve")
	}
	if _, err := LoadPeople(cfg.People); err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, open: map[*tea.Program]Person{}}
	opts := []ssh.Option{
		wish.WithAddress(cfg.Listen),
		wish.WithHostKeyPath(cfg.HostKey),
		// Keys only: no password, no keyboard-interactive, nothing else is
		// offered. Port and agent forwarding stay off (the ssh package
		// denies them unless a callback allows them).
		wish.WithPublicKeyAuth(s.allow),
		wish.WithMiddleware(
			s.afterProgram,
			bm.MiddlewareWithProgramHandler(s.program),
			s.gate,
			recover.Middleware(),
		),
	}
	if cfg.Idle > 0 {
		opts = append(opts, wish.WithIdleTimeout(cfg.Idle))
	}
	srv, err := wish.NewServer(opts...)
	if err != nil {
		return nil, model.Errorf(model.EINVALID, "cannot start the server: %v", err)
	}
	// The key is the notebook's to guard: readable by its owner only.
	if err := os.Chmod(cfg.HostKey, 0o600); err != nil {
		return nil, model.Errorf(model.EINVALID, "host key %s: %v", cfg.HostKey, err)
	}
	fp, err := hostFingerprint(cfg.HostKey)
	if err != nil {
		return nil, err
	}
	s.srv, s.fp = srv, fp
	return s, nil
}

// Fingerprint is the host key's SHA256 fingerprint, as ssh shows it on a
// first connection, so people can check they reached this server.
func (s *Server) Fingerprint() string { return s.fp }

func hostFingerprint(path string) (string, error) {
	pem, err := os.ReadFile(path)
	if err != nil {
		return "", model.Errorf(model.EINVALID, "host key %s: %v", path, err)
	}
	signer, err := gossh.ParsePrivateKey(pem)
	if err != nil {
		return "", model.Errorf(model.EINVALID, "host key %s: %v", path, err)
	}
	return gossh.FingerprintSHA256(signer.PublicKey()), nil
}

// allow admits a key listed in the people file as it is now.
func (s *Server) allow(ctx ssh.Context, key ssh.PublicKey) bool {
	people, err := LoadPeople(s.cfg.People)
	if err != nil {
		s.cfg.Log.Error("people file unreadable: refusing everyone", "error", model.ErrorMessage(err))
		return false
	}
	p, ok := find(people, key)
	if !ok {
		s.cfg.Log.Warn("refused: key not in the people file", "from", ctx.RemoteAddr().String(),
			"key", gossh.FingerprintSHA256(key))
		return false
	}
	ctx.SetValue(personKey{}, p)
	return true
}

// gate lets a session in only as the interface: a terminal, no command, a
// free place.
func (s *Server) gate(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		p, _ := sess.Context().Value(personKey{}).(Person)
		from := sess.RemoteAddr().String()
		if len(sess.Command()) > 0 || sess.Subsystem() != "" {
			s.cfg.Log.Warn("refused: a command", "who", p.Name, "from", from)
			wish.Fatalln(sess, "regulars: only the notebook's interface is served here; connect without a command")
			return
		}
		if _, _, ok := sess.Pty(); !ok {
			wish.Fatalln(sess, "regulars: the notebook needs a terminal; connect with ssh -t")
			return
		}
		s.mu.Lock()
		full, down := len(s.open) >= s.cfg.MaxSessions, s.down
		s.mu.Unlock()
		if down {
			wish.Fatalln(sess, "regulars: the notebook is closing; try again in a moment")
			return
		}
		if full {
			s.cfg.Log.Warn("refused: too many sessions", "who", p.Name, "from", from)
			wish.Fatalln(sess, "regulars: "+model.Plural(s.cfg.MaxSessions, "person is", "people are")+" connected already, the most this notebook takes; try again later")
			return
		}
		start := time.Now()
		s.cfg.Log.Info("connected", "who", p.Name, "role", string(p.Role), "from", from)
		next(sess)
		s.cfg.Log.Info("disconnected", "who", p.Name, "from", from, "after", time.Since(start).Round(time.Second).String())
		s.mu.Lock()
		closing := s.down
		s.mu.Unlock()
		if closing {
			wish.Println(sess, "\r\nregulars: the notebook was closed by its owner; what you were typing is kept as a draft.\r")
		}
	}
}

// program makes one person's interface.
func (s *Server) program(sess ssh.Session) *tea.Program {
	p, _ := sess.Context().Value(personKey{}).(Person)
	m := s.cfg.Interface(sess.Context(), p)
	sess.Context().SetValue(modelKey{}, m)
	// A client with no terminal of its own (ssh -tt from a script) reports
	// a 0×0 window, at the start and in its window changes, in which
	// nothing can be drawn: assume the classic size instead. The filter
	// replaces the one MakeOptions sets (there is one filter), so it also
	// keeps its rule: a session cannot be suspended.
	opts := append(bm.MakeOptions(sess), tea.WithContext(sess.Context()), tea.WithFPS(120),
		tea.WithFilter(func(_ tea.Model, msg tea.Msg) tea.Msg {
			switch msg := msg.(type) {
			case tea.SuspendMsg:
				return tea.ResumeMsg{}
			case tea.WindowSizeMsg:
				if msg.Width <= 0 || msg.Height <= 0 {
					return tea.WindowSizeMsg{Width: 80, Height: 24}
				}
			}
			return msg
		}))
	if pty, _, ok := sess.Pty(); ok && (pty.Window.Width == 0 || pty.Window.Height == 0) {
		opts = append(opts, tea.WithWindowSize(80, 24))
	}
	prog := tea.NewProgram(m, opts...)
	s.mu.Lock()
	if s.down || len(s.open) >= s.cfg.MaxSessions {
		s.mu.Unlock()
		return nil
	}
	s.open[prog] = p
	s.mu.Unlock()
	sess.Context().SetValue(programKey{}, prog)
	return prog
}

// afterProgram runs once a session's program has stopped — it quit, the
// connection dropped, or the server is closing — and keeps the draft the
// person was typing, so a dropped connection loses nothing.
func (s *Server) afterProgram(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if k, ok := sess.Context().Value(modelKey{}).(draftKeeper); ok {
			if err := k.KeepDraft(); err != nil {
				p, _ := sess.Context().Value(personKey{}).(Person)
				s.cfg.Log.Error("draft not kept", "who", p.Name, "error", model.ErrorMessage(err))
			}
		}
		if c, ok := sess.Context().Value(modelKey{}).(interface{ Close() error }); ok {
			c.Close()
		}
		// The session counts as open until its draft is kept: Shutdown
		// waits for it.
		if prog, ok := sess.Context().Value(programKey{}).(*tea.Program); ok {
			s.mu.Lock()
			delete(s.open, prog)
			s.mu.Unlock()
		}
		next(sess)
	}
}

// Serve serves on l until Shutdown.
func (s *Server) Serve(l net.Listener) error {
	tui.WarmUp() // before the first session's first frame needs it
	err := s.srv.Serve(l)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// ListenAndServe listens on the configured address and serves.
func (s *Server) ListenAndServe() error {
	l, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return model.Errorf(model.EINVALID, "cannot listen on %s: %v", s.cfg.Listen, err)
	}
	return s.Serve(l)
}

// Sessions is how many people are connected.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.open)
}

// Shutdown stops taking sessions, ends each open one (its interface quits
// as on ctrl+c, which keeps a draft being typed, and the person is told),
// and waits for them until ctx ends.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.down = true
	progs := make([]*tea.Program, 0, len(s.open))
	for p := range s.open {
		progs = append(progs, p)
	}
	s.mu.Unlock()
	for _, p := range progs {
		p.Quit()
	}
	for s.Sessions() > 0 {
		select {
		case <-ctx.Done():
			return s.srv.Close()
		case <-time.After(20 * time.Millisecond):
		}
	}
	return s.srv.Shutdown(ctx)
}
