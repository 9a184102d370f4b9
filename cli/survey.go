package cli

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"regulars/interchange"
	"regulars/model"
	"regulars/store"
)

type surveyFlags struct {
	columns, dateOrder string
	addUnknown, dryRun bool
}

func (e *env) importSurveyCmd() *cobra.Command {
	var f surveyFlags
	cmd := &cobra.Command{
		Use:   "import-survey FILE",
		Short: "turn a survey export (Google Forms CSV, or any CSV of 1-to-5 ratings) into feedback on each customer",
		RunE:  func(cmd *cobra.Command, args []string) error { return runImportSurvey(e, &f, args) },
	}
	cmd.Flags().StringVar(&f.columns, "columns", "", `name the columns when the headers differ: "email=Your e-mail,comment=Anything else?,rating=Food,rating=Service" (also timestamp=, phone=, name=)`)
	cmd.Flags().StringVar(&f.dateOrder, "date-order", "", "read timestamps like 05/01/2026 day first (dmy) or month first (mdy)")
	cmd.Flags().BoolVar(&f.addUnknown, "add-unknown", false, "add a customer for each response that matches nobody in the notebook")
	cmd.Flags().BoolVar(&f.dryRun, "dry-run", false, "say what would be recorded, changing nothing")
	cmd.RegisterFlagCompletionFunc("date-order", cobra.FixedCompletions([]cobra.Completion{"dmy", "mdy"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runImportSurvey(e *env, f *surveyFlags, args []string) error {
	if len(args) != 1 {
		return usagef("import-survey", "say which survey file to import")
	}
	name := args[0]
	cols, err := interchange.ParseSurveyColumns(f.columns)
	if err != nil {
		return model.Errorf(model.EINVALID, "--columns: %s", model.ErrorMessage(err))
	}
	lim := interchange.DefaultLimits
	if lim.DateOrder, err = interchange.ParseDateOrder(f.dateOrder); err != nil {
		return model.Errorf(model.EINVALID, "--date-order %s: use dmy (05/01/2026 is 5 January) or mdy (1 May)", f.dateOrder)
	}
	fi, err := os.Stat(name)
	if err != nil {
		return model.Errorf(model.EINVALID, "cannot read %s: %v", name, ioPathError(err))
	}
	if fi.IsDir() {
		return model.Errorf(model.EINVALID, "%s is a folder; give the survey file", name)
	}
	in, err := os.Open(name)
	if err != nil {
		return model.Errorf(model.EINVALID, "cannot read %s: %v", name, ioPathError(err))
	}
	defer in.Close()
	sv, err := interchange.ParseSurvey(in, cols, lim)
	if err != nil {
		return err
	}
	open := e.openStore
	if f.dryRun {
		open = e.readStore
	}
	s, err := open()
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := s.ImportSurvey(context.Background(), sv, store.SurveyOptions{AddUnknown: f.addUnknown, DryRun: f.dryRun})
	if err != nil {
		return err
	}
	shown := model.Sanitize(name)
	ioList(e.stderr, fmt.Sprintf("%s (%s): %s cannot be read:", shown, sv.Format, model.Plural(len(res.Errors), "response", "responses")), res.Errors)
	ioList(e.stderr, fmt.Sprintf("%s:", shown), sv.Warnings)
	w := e.stdout
	verb := "Recorded"
	if f.dryRun {
		verb = "Would record"
	}
	unhappy := 0
	for _, a := range res.Added {
		if a.Unhappy() {
			unhappy++
		}
	}
	fmt.Fprintf(w, "%s %s from %s (%s: %s)", verb, model.Plural(len(res.Added), "response", "responses"), shown, sv.Format, joinCategories(sv.Categories))
	if unhappy > 0 {
		fmt.Fprintf(w, "; %d rated something %d or lower and wait for your reply on the week", unhappy, model.UnhappyRating)
	}
	fmt.Fprintln(w, ".")
	listed := 0
	for _, a := range res.Added {
		if !a.Unhappy() {
			continue
		}
		if listed++; listed > ioMaxListed {
			fmt.Fprintf(w, "  … and %d more\n", unhappy-ioMaxListed)
			break
		}
		fmt.Fprintf(w, "  ! %s  %s: %s\n", model.Sanitize(a.Name), a.Where, model.Sanitize(model.Clip(a.Comment, 80)))
	}
	if len(res.New) > 0 {
		fmt.Fprintf(w, "Added %s who answered and were not in the notebook:\n", model.Plural(len(res.New), "customer", "customers"))
		for i, c := range res.New {
			if i == ioMaxListed {
				fmt.Fprintf(w, "  … and %d more\n", len(res.New)-ioMaxListed)
				break
			}
			fmt.Fprintf(w, "  + %s  %s\n", model.Sanitize(c.Name), c.Where)
		}
	}
	if res.Already > 0 {
		fmt.Fprintf(w, "Already recorded: %s (imported before).\n", model.Plural(res.Already, "response", "responses"))
	}
	if len(res.Unmatched) > 0 {
		fmt.Fprintf(w, "Not matched to a customer (%d; add them with --add-unknown, or add the customer and import again):\n", len(res.Unmatched))
		for i, u := range res.Unmatched {
			if i == ioMaxListed {
				fmt.Fprintf(w, "  … and %d more\n", len(res.Unmatched)-ioMaxListed)
				break
			}
			fmt.Fprintf(w, "  ? %s  %s\n", model.Sanitize(u.Who), u.Where)
		}
	}
	if f.dryRun {
		fmt.Fprintln(w, "Dry run: nothing was changed.")
	}
	return nil
}

func joinCategories(l []string) string {
	s := ""
	for i, c := range l {
		if i > 0 {
			s += ", "
		}
		s += model.Sanitize(c)
	}
	return s
}
