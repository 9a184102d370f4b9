package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"regulars/interchange"
	"regulars/model"
	"regulars/store"
)

// ioMaxListed caps how many records a command lists one by one.
const ioMaxListed = 50

// ioFlags are the flags of import, export, backup and restore.
type ioFlags struct {
	format, out           string
	dryRun, force, verify bool
	dateOrder             string
	skipInvalid           bool
}

func (e *env) importCmd() *cobra.Command {
	var f ioFlags
	cmd := &cobra.Command{
		Use:   "import FILE|FOLDER",
		Short: "add customers from contacts (vCard, or a folder of them), Google Contacts or Square CSV, or a Regulars export",
		RunE:  func(cmd *cobra.Command, args []string) error { return runImport(e, &f, args) },
	}
	cmd.Flags().StringVar(&f.format, "format", "", "vcf, csv or json (default: from the file name, else from the content)")
	cmd.Flags().BoolVar(&f.dryRun, "dry-run", false, "check the file and say what would be imported, changing nothing")
	cmd.Flags().StringVar(&f.dateOrder, "date-order", "", "read dates like 05/01/1990 day first (dmy: 5 January) or month first (mdy: 1 May)")
	cmd.Flags().BoolVar(&f.skipInvalid, "skip-invalid", false, "import every good record; the refused ones go to NAME.rejects.EXT next to the file, to fix and import on their own")
	cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]cobra.Completion{"vcf", "csv", "json"}, cobra.ShellCompDirectiveNoFileComp))
	cmd.RegisterFlagCompletionFunc("date-order", cobra.FixedCompletions([]cobra.Completion{"dmy", "mdy"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func (e *env) exportCmd() *cobra.Command {
	var f ioFlags
	cmd := &cobra.Command{
		Use:               "export",
		Short:             "write the customers as CSV, vCards, a JSON copy of the whole notebook, or a birthday calendar",
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(cmd *cobra.Command, args []string) error { return runExport(e, &f, args) },
	}
	cmd.Flags().StringVar(&f.format, "format", "", "csv, vcf, json or ics (default: from the -o file name)")
	cmd.Flags().StringVarP(&f.out, "output", "o", "", "write to FILE, created readable only by you (default: standard output); with vcf, an existing FOLDER gets one card a file, as khard and vdirsyncer read them")
	cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]cobra.Completion{"csv", "vcf", "json", "ics"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func (e *env) backupCmd() *cobra.Command {
	var f ioFlags
	cmd := &cobra.Command{
		Use:   "backup [FILE]",
		Short: "copy the notebook safely, even while it is open (default: a dated file next to it)",
		RunE:  func(cmd *cobra.Command, args []string) error { return runBackup(e, &f, args) },
	}
	cmd.Flags().BoolVar(&f.verify, "verify", false, "read the copy back in full (every page, index and row) before keeping it")
	return cmd
}

func (e *env) restoreCmd() *cobra.Command {
	var f ioFlags
	cmd := &cobra.Command{
		Use:   "restore FILE",
		Short: "replace the notebook with a backup; the current one is kept aside",
		RunE:  func(cmd *cobra.Command, args []string) error { return runRestore(e, &f, args) },
	}
	cmd.Flags().BoolVar(&f.force, "force", false, "replace the existing notebook (it is kept aside, not deleted)")
	return cmd
}

func runImport(e *env, f *ioFlags, args []string) error {
	if len(args) != 1 {
		return usagef("import", "say which file to import")
	}
	name := args[0]
	var format interchange.Format
	if f := f.format; f != "" {
		var err error
		if format, err = interchange.ParseFormat(f); err != nil || format == interchange.FormatICS {
			return model.Errorf(model.EINVALID, "--format %s: import reads vcf, csv or json", f)
		}
	} else if name != "-" {
		format = interchange.FormatOfName(name)
		if format == interchange.FormatICS {
			return model.Errorf(model.EINVALID, "import reads contacts (vcf, csv, json), not calendars")
		}
	}
	lim := interchange.DefaultLimits
	order, err := interchange.ParseDateOrder(f.dateOrder)
	if err != nil {
		return model.Errorf(model.EINVALID, "--date-order %s: use dmy (05/01/1990 is 5 January) or mdy (1 May)", f.dateOrder)
	}
	lim.DateOrder = order
	var r io.Reader = e.stdin
	folder := false
	if name != "-" {
		fi, err := os.Stat(name)
		if err != nil {
			return model.Errorf(model.EINVALID, "cannot read %s: %v", name, ioPathError(err))
		}
		if fi.IsDir() {
			if format != "" && format != interchange.FormatVCard {
				return model.Errorf(model.EINVALID, "%s is a folder: import reads a folder of .vcf files (one card a file), not %s", name, format)
			}
			folder = true
		} else if streamJSON(name, format) {
			return runImportStream(e, f, name, lim)
		} else {
			if fi.Size() > lim.MaxBytes {
				return model.Errorf(model.EINVALID, "%s is %d MiB, more than import reads (%d MiB); split it into smaller files", name, fi.Size()>>20, lim.MaxBytes>>20)
			}
			f, err := os.Open(name)
			if err != nil {
				return model.Errorf(model.EINVALID, "cannot read %s: %v", name, ioPathError(err))
			}
			defer f.Close()
			r = f
		}
	}
	dry := f.dryRun
	open := e.openStore
	if dry {
		open = e.readStore // a dry run changes nothing, so makes nothing either
	}
	var batch *interchange.Batch
	if folder {
		batch, err = interchange.ParseVCardDir(name, lim)
	} else {
		batch, err = interchange.Parse(r, format, lim)
	}
	if err != nil {
		return err
	}
	s, err := open()
	if err != nil {
		return err
	}
	defer s.Close()
	show, end := e.progress("Importing", "customers")
	res, err := s.Import(context.Background(), batch, store.ImportOptions{DryRun: dry, SkipInvalid: f.skipInvalid, Progress: show})
	end()
	return reportImport(e, f, name, folder, batch, res, err)
}

// reportImport says what an import did, lists what it refused and skipped,
// and writes the refused records next to the file.
func reportImport(e *env, f *ioFlags, name string, folder bool, batch *interchange.Batch, res *store.ImportResult, err error) error {
	dry := f.dryRun
	shown := "standard input"
	if name != "-" {
		shown = name
	}
	w := e.stdout
	ioList(e.stderr, fmt.Sprintf("%s (%s): %s cannot be imported:", model.Sanitize(shown), model.Sanitize(res.Format), model.Plural(len(res.Errors), "record", "records")), res.Errors)
	ioList(e.stderr, fmt.Sprintf("%s: %s not kept as written:", model.Sanitize(shown), model.Plural(len(res.Warnings), "thing was", "things were")), res.Warnings)
	if err != nil {
		return err
	}
	verb := "Imported"
	if dry {
		verb = "Would import"
	}
	fmt.Fprintf(w, "%s %s from %s (%s", verb, model.Plural(len(res.Added), "customer", "customers"), model.Sanitize(shown), model.Sanitize(res.Format))
	var extra []string
	for _, x := range []struct {
		n         int
		one, many string
	}{{res.Notes, "note", "notes"}, {res.Visits, "visit", "visits"}, {res.ThankYous, "thank-you", "thank-yous"},
		{res.Feedback, "feedback", "feedback"}, {res.Outreach, "outreach entry", "outreach entries"}} {
		if x.n > 0 {
			extra = append(extra, model.Plural(x.n, x.one, x.many))
		}
	}
	if len(extra) > 0 {
		fmt.Fprintf(w, "; with %s", strings.Join(extra, ", "))
	}
	fmt.Fprintln(w, ").")
	if dry {
		for i, a := range res.Added {
			if i == ioMaxListed {
				fmt.Fprintf(w, "  … and %d more\n", len(res.Added)-ioMaxListed)
				break
			}
			fmt.Fprintf(w, "  + %s  %s\n", model.Sanitize(a.Name), model.Sanitize(a.Where))
		}
	}
	if len(res.Skipped) > 0 {
		fmt.Fprintf(w, "Skipped %s already there:\n", model.Plural(len(res.Skipped), "customer", "customers"))
		for i, d := range res.Skipped {
			if i == ioMaxListed {
				fmt.Fprintf(w, "  … and %d more\n", len(res.Skipped)-ioMaxListed)
				break
			}
			fmt.Fprintf(w, "  = %s  %s: %s as %s\n", model.Sanitize(d.Name), model.Sanitize(d.Where), d.Why, model.Sanitize(d.Matches))
		}
	}
	if len(res.Errors) > 0 && !dry {
		// The refused records in their own text, next to the input, so
		// they can be fixed there and imported alone.
		if name == "-" {
			fmt.Fprintf(w, "Not imported: %s (listed above); fix them and import them on their own.\n", model.Plural(len(res.Errors), "record", "records"))
		} else {
			input := name
			if folder {
				// Next to the folder: "book/" → "book.rejects.vcf".
				input = filepath.Clean(name) + ".vcf"
			}
			path, err := store.SaveRejects(input, batch, res.Errors)
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "Not imported: %s, kept in %s to fix and import on their own (regulars import %s).\n",
				model.Plural(len(res.Errors), "record", "records"), model.Sanitize(path), model.Sanitize(path))
		}
	}
	if dry {
		fmt.Fprintln(w, "Dry run: nothing was changed.")
	}
	return nil
}

// streamJSON reports whether a file is the notebook's own JSON, read as
// a stream: whatever its size, in the memory of a few hundred customers.
func streamJSON(name string, format interchange.Format) bool {
	if format != "" {
		return format == interchange.FormatJSON
	}
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	return interchange.SniffFormat(head[:n]) == interchange.FormatJSON
}

// runImportStream imports a Regulars JSON file as a stream: it is read
// once to check every customer and once to write them
// (store.ImportStream), so its limits are interchange.StreamedJSONLimits.
func runImportStream(e *env, f *ioFlags, name string, lim interchange.Limits) error {
	sl := interchange.StreamedJSONLimits
	sl.DateOrder = lim.DateOrder
	if fi, err := os.Stat(name); err == nil && fi.Size() > sl.MaxBytes {
		return model.Errorf(model.EINVALID, "%s is %d MiB, more than import reads (%d MiB); split it into smaller files", name, fi.Size()>>20, sl.MaxBytes>>20)
	}
	src := func(fn func(c *interchange.ScannedCustomer) error) error {
		file, err := os.Open(name)
		if err != nil {
			return model.Errorf(model.EINVALID, "cannot read %s: %v", name, ioPathError(err))
		}
		defer file.Close()
		return interchange.ScanJSON(file, sl, fn)
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
	show, end := e.progress("Importing", "customers")
	res, err := s.ImportStream(context.Background(), interchange.JSONFormatName, src, store.ImportOptions{DryRun: f.dryRun, SkipInvalid: f.skipInvalid, Progress: show})
	end()
	batch := &interchange.Batch{Format: interchange.JSONFormatName, Header: interchange.JSONRejectsHeader}
	return reportImport(e, f, name, false, batch, res, err)
}

// ioList prints a heading and each item on its own line, made harmless
// for a terminal, at most ioMaxListed of them; nothing when there are none.
func ioList[T fmt.Stringer](w io.Writer, heading string, items []T) {
	if len(items) == 0 {
		return
	}
	fmt.Fprintln(w, heading)
	for i, it := range items {
		if i == ioMaxListed {
			fmt.Fprintf(w, "  … and %d more\n", len(items)-ioMaxListed)
			break
		}
		fmt.Fprintf(w, "  %s\n", model.Sanitize(it.String()))
	}
}

func runExport(e *env, f *ioFlags, args []string) error {
	if len(args) > 0 {
		return usagef("export", "unexpected argument %q; write to a file with -o FILE", args[0])
	}
	out := f.out
	var format interchange.Format
	if f := f.format; f != "" {
		var err error
		if format, err = interchange.ParseFormat(f); err != nil {
			return model.Errorf(model.EINVALID, "--format %s: use csv, vcf, json or ics", f)
		}
	} else if out != "" && out != "-" {
		format = interchange.FormatOfName(out)
	}
	if format == "" {
		return usagef("export", "say which format: --format csv, vcf, json or ics")
	}
	toStdout := out == "" || out == "-"
	if toStdout && isTerminal(e.stdout) {
		// An export is the notebook's text exactly as written, control
		// characters and all: on a terminal a name could retitle the
		// window or worse. Files and pipes get it byte for byte.
		return model.Errorf(model.EINVALID, "export writes data, not a screen: write it to a file with -o FILE, or pipe it (regulars export --format %s | less)", format)
	}
	s, err := e.readStore()
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	if toStdout {
		show, done := e.progress("Exporting", "customers")
		defer done()
		return s.ExportProgress(ctx, format, e.stdout, show)
	}
	if err := s.CheckOutputPath(out); err != nil {
		return err
	}
	if err := checkFolder(out); err != nil {
		return err
	}
	stale := store.CleanStaleTemps(out, e.now())
	fi, err := os.Stat(out)
	if err == nil && fi.IsDir() {
		stale = append(stale, store.CleanStaleCardTemps(out, e.now())...)
	}
	for _, p := range stale {
		fmt.Fprintf(e.stderr, "regulars export: removed a temporary file left by an interrupted export: %s\n", model.Sanitize(p))
	}
	if err == nil && fi.IsDir() {
		if format != interchange.FormatVCard {
			return model.Errorf(model.EINVALID, "%s is a folder: only --format vcf writes into a folder (one card a file)", out)
		}
		res, err := s.SyncVCardDir(ctx, out)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Wrote the cards into %s: %d written, %d updated, %d removed.\n", model.Sanitize(out), res.Written, res.Updated, res.Removed)
		if res.Foreign > 0 {
			fmt.Fprintf(e.stderr, "regulars export: %s not written: a file of the same name that Regulars did not write is there, and is left as it is\n", model.Plural(res.Foreign, "card was", "cards were"))
		}
		return nil
	}
	var n int64
	err = store.WritePrivateFile(out, func(w io.Writer) error {
		cw := &ioCountWriter{w: w}
		show, done := e.progress("Exporting", "customers")
		err := s.ExportProgress(ctx, format, cw, show)
		done()
		n = cw.n
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Wrote %s (%s, %s).\n", model.Sanitize(out), format, ioSize(n))
	return nil
}

func runBackup(e *env, f *ioFlags, args []string) error {
	if len(args) > 1 {
		return usagef("backup", "give at most one file name")
	}
	s, err := e.readStore()
	if err != nil {
		return err
	}
	defer s.Close()
	dest := store.BackupName(s.Path(), e.now())
	if len(args) == 1 {
		dest = args[0]
	}
	if err := s.CheckOutputPath(dest); err != nil {
		return err
	}
	if err := checkFolder(dest); err != nil {
		return err
	}
	show, end := e.progress("Backing up", "pages")
	info, err := s.BackupWith(context.Background(), dest, store.BackupOptions{Progress: show, Verify: f.verify})
	end()
	if err != nil {
		return err
	}
	for _, p := range info.Cleaned {
		fmt.Fprintf(e.stderr, "regulars backup: removed a temporary file left by an interrupted backup: %s\n", model.Sanitize(p))
	}
	checked := "checked"
	if f.verify {
		checked = "verified in full"
	}
	fmt.Fprintf(e.stdout, "Backed up %s to %s (%s).\n", model.Plural(info.Customers, "customer", "customers"), model.Sanitize(dest), checked)
	return nil
}

func runRestore(e *env, f *ioFlags, args []string) error {
	if len(args) != 1 {
		return usagef("restore", "say which backup file to restore")
	}
	path, err := e.notebookPath()
	if err != nil {
		return err
	}
	// The store refuses the notebook's own name; another name for the
	// same file (a link) would set the notebook aside and copy it back.
	if a, aerr := os.Stat(args[0]); aerr == nil {
		if b, berr := os.Stat(path); berr == nil && os.SameFile(a, b) {
			return model.Errorf(model.EINVALID, "%s is the notebook itself; restore from a backup", args[0])
		}
	}
	res, err := store.Restore(context.Background(), args[0], path, store.RestoreOptions{Force: f.force, Now: e.now})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Restored %s (%s) into %s.\n", model.Sanitize(args[0]), model.Plural(res.Info.Customers, "customer", "customers"), model.Sanitize(path))
	if res.Aside != "" {
		fmt.Fprintf(e.stdout, "The notebook it replaced is kept at %s.\n", model.Sanitize(res.Aside))
	}
	return nil
}

// checkFolder refuses, by name, a file whose folder is missing: the
// write would otherwise fail naming its hidden temporary file.
func checkFolder(path string) error {
	dir := filepath.Dir(path)
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return model.Errorf(model.EINVALID, "there is no folder %s; make it first (mkdir -p) or choose another place", dir)
	case err != nil:
		return model.Errorf(model.EINVALID, "cannot write into %s: %v", dir, ioPathError(err))
	case !fi.IsDir():
		return model.Errorf(model.EINVALID, "%s is not a folder", dir)
	}
	return nil
}

// progress returns a function that shows "Exporting: 1,204 of 5,000
// customers (24%)" on a terminal, rewritten in place when the percentage
// moves, and one that ends the line; in a script both do nothing.
func (e *env) progress(doing, unit string) (show func(done, total int), end func()) {
	if !isTerminal(e.stderr) {
		return nil, func() {}
	}
	last, shown := -1, false
	show = func(done, total int) {
		pct := 100
		if total > 0 {
			pct = done * 100 / total
		}
		if pct == last && done != total {
			return
		}
		last, shown = pct, true
		fmt.Fprintf(e.stderr, "\r%s: %s of %s %s (%d%%)", doing, model.Thousands(int64(done)), model.Thousands(int64(total)), unit, pct)
	}
	end = func() {
		if shown {
			fmt.Fprintln(e.stderr)
		}
	}
	return show, end
}

func ioSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// ioPathError drops the path an *os.PathError repeats.
func ioPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

type ioCountWriter struct {
	w io.Writer
	n int64
}

func (c *ioCountWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
