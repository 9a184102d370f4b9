package cli

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/spf13/cobra"

	"regulars/model"
)

// templateCmd shows and sets the week's message templates, kept in the
// notebook (so a backup carries them).
func (e *env) templateCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "template",
		Short: "the week's message templates: list, set KIND TEXT, set signature TEXT",
		Long: "Each kind of week item has a message template; a person's draft joins the templates of their items.\n" +
			"Placeholders: {first} {name} {partner} {children} {usual} {ask} {age} {reason} {signature};\n" +
			"a sentence whose placeholder has nothing to say is left out.",
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("template", "unknown subcommand %q: list or set", args[0])
			}
			return usagef("template", "say list or set")
		},
	}
	list := &cobra.Command{
		Use:               "list",
		Short:             "print every template, the owner's or the default",
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("template list", "unexpected argument %q", args[0])
			}
			s, err := e.openStore()
			if err != nil {
				return err
			}
			defer s.Close()
			t, err := s.Templates(context.Background())
			if err != nil {
				return err
			}
			for _, name := range model.TemplateNames() {
				how := "default"
				if _, ok := t[name]; ok {
					how = "yours"
				}
				text := t.For(name)
				if text == "" {
					text = "(empty)"
				}
				fmt.Fprintf(e.stdout, "%s (%s)\n  %s\n", name, how, model.Sanitize(text))
			}
			return nil
		},
	}
	var edit bool
	set := &cobra.Command{
		Use:   "set NAME [TEXT]",
		Short: "set a kind's template, or the signature; --edit opens $EDITOR",
		ValidArgsFunction: func(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) == 0 {
				return model.TemplateNames(), cobra.ShellCompDirectiveNoFileComp
			}
			return nil, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("template set", "say which template: %s", strings.Join(model.TemplateNames(), ", "))
			}
			if err := model.CheckTemplate(args[0], ""); err != nil {
				return usagef("template set", "%s", model.ErrorMessage(err))
			}
			if edit == (len(args) == 2) || len(args) > 2 {
				return usagef("template set", "give the text, or --edit (one of them)")
			}
			s, err := e.openStore()
			if err != nil {
				return err
			}
			defer s.Close()
			ctx := context.Background()
			text := ""
			if edit {
				t, err := s.Templates(ctx)
				if err != nil {
					return err
				}
				if text, err = e.editText(t.For(args[0])); err != nil {
					return err
				}
			} else {
				text = args[1]
			}
			if err := s.SetTemplate(ctx, args[0], text); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "Template %s set.\n", args[0])
			return nil
		},
	}
	set.Flags().BoolVar(&edit, "edit", false, "edit the template in $VISUAL or $EDITOR")
	cmd.AddCommand(list, set)
	return cmd
}

// editText hands text to $VISUAL or $EDITOR (vi when neither is set) in a
// private temporary file and returns what was saved.
func (e *env) editText(text string) (string, error) {
	editor := e.getenv("VISUAL")
	if editor == "" {
		editor = e.getenv("EDITOR")
	}
	args := strings.Fields(editor)
	if len(args) == 0 {
		args = []string{"vi"}
	}
	f, err := os.CreateTemp("", "regulars-template-*.txt")
	if err != nil {
		return "", model.Errorf(model.EINTERNAL, "cannot open the editor: %v", err)
	}
	path := f.Name()
	defer os.Remove(path)
	_, werr := f.WriteString(text + "\n")
	if cerr := f.Close(); werr != nil || cerr != nil {
		return "", model.Errorf(model.EINTERNAL, "cannot open the editor: the text could not be written")
	}
	c := exec.Command(args[0], append(args[1:], path)...)
	c.Stdin, c.Stdout, c.Stderr = os.Stdin, os.Stderr, os.Stderr
	if err := c.Run(); err != nil {
		return "", model.Errorf(model.EINVALID, "the editor %s failed: %v; the template is unchanged", args[0], err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", model.Errorf(model.EINTERNAL, "cannot read back the edited text: %v", err)
	}
	return strings.TrimSpace(string(b)), nil
}
