package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"regulars/model"
	"regulars/serve"
)

// peopleTemplate starts a new people file, so the owner sees the format.
const peopleTemplate = `# Who may open this notebook over SSH: one public key a line, then the
# person's name and role (owner or staff), as in
#   ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA... maya staff
# A key removed here is refused from the next connection on.
`

func (e *env) serveCmd() *cobra.Command {
	var listen, people string
	var idle time.Duration
	var max int
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "serve the notebook's interface over SSH to the people in the people file",
		Long: `Serve the notebook's terminal interface over SSH, so staff at other
terminals share this notebook: ssh -p 2323 HOST opens it. Only the public
keys listed in the people file get in (authorized_keys format with a name
and a role: owner or staff). The host key is made next to the notebook on
first start and its fingerprint printed, so people can check it.`,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("serve", "unexpected argument %q", args[0])
			}
			return e.runServe(listen, people, idle, max)
		},
	}
	f := cmd.Flags()
	f.StringVar(&listen, "listen", "127.0.0.1:2323", "address to listen on")
	f.StringVar(&people, "people", "", "the people file (default: NOTEBOOK.people next to the notebook)")
	f.DurationVar(&idle, "idle", 30*time.Minute, "end a session after this long without a key")
	f.IntVar(&max, "max-sessions", 8, "the most people connected at once")
	return cmd
}

func (e *env) runServe(listen, people string, idle time.Duration, max int) error {
	if max < 1 {
		return model.Errorf(model.EINVALID, "--max-sessions %d: at least 1", max)
	}
	s, err := e.openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	stem := strings.TrimSuffix(s.Path(), filepath.Ext(s.Path()))
	if people == "" {
		people = stem + ".people"
	}
	if _, err := os.Stat(people); errors.Is(err, os.ErrNotExist) {
		if err := os.WriteFile(people, []byte(peopleTemplate), 0o600); err != nil {
			return model.Errorf(model.EINVALID, "cannot make the people file %s: %v", people, err)
		}
		fmt.Fprintf(e.stderr, "Made the people file %s: add a line for each person (ssh-ed25519 AAAA… maya staff).\n", model.Sanitize(people))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv, err := serve.New(serve.Config{
		Listen:      listen,
		People:      people,
		HostKey:     stem + ".ssh_host_ed25519",
		Idle:        idle,
		MaxSessions: max,
		Log:         slog.New(slog.NewTextHandler(e.stderr, nil)),
		Interface:   serve.NotebookInterface(s.Path(), s.Now),
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Serving %s on %s to the people in %s.\nHost key fingerprint: %s\nStop with ctrl+c.\n",
		model.Sanitize(s.Path()), listen, model.Sanitize(people), srv.Fingerprint())
	done := make(chan error, 1)
	go func() { done <- srv.ListenAndServe() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintf(e.stdout, "Closing: telling %s.\n", model.Plural(srv.Sessions(), "connected person", "connected people"))
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}
