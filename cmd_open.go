package main

import "flag"

func init() {
	register(&command{
		name:    "open",
		args:    "",
		summary: "open the notebook in the terminal (the default command)",
		run: func(e *env, fs *flag.FlagSet, args []string) error {
			if len(args) > 0 {
				return usagef("open", "unexpected argument %q", args[0])
			}
			s, err := e.openStore()
			if err != nil {
				return err
			}
			defer s.Close()
			return runTUI(e, s)
		},
	})
}
