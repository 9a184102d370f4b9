package cli

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"regulars/interchange"
	"regulars/model"
	"regulars/store"
)

// cardColumns are the mail merge's columns: one row a person with
// something left to do.
var cardColumns = []string{"name", "address_line_1", "address_line_2", "address_line_3", "address_line_4", "channel", "draft"}

// exportCards writes the week's people as CSV for a mail merge: to out
// (created 0600 through store.WritePrivateFile), or standard output.
func (e *env) exportCards(s *store.Store, w *model.Week, out string) error {
	write := func(wr io.Writer) error { return writeCards(wr, w) }
	if out == "" || out == "-" {
		return write(e.stdout)
	}
	if err := s.CheckOutputPath(out); err != nil {
		return err
	}
	if err := store.WritePrivateFile(out, write); err != nil {
		return err
	}
	n := 0
	for _, p := range w.People() {
		if p.Open > 0 {
			n++
		}
	}
	fmt.Fprintf(e.stdout, "Wrote %s (%s for a mail merge).\n", model.Sanitize(out), model.Plural(n, "person", "people"))
	return nil
}

func writeCards(wr io.Writer, w *model.Week) error {
	cw := csv.NewWriter(wr)
	if err := cw.Write(cardColumns); err != nil {
		return err
	}
	for _, p := range w.People() {
		if p.Open == 0 {
			continue
		}
		lines := strings.Split(p.Contact.Address, "\n")
		addr := make([]string, 4)
		for i := range min(len(lines), len(addr)) {
			addr[i] = strings.TrimSpace(lines[i])
		}
		if len(lines) > len(addr) {
			addr[len(addr)-1] = strings.Join(lines[len(addr)-1:], ", ")
		}
		var ch model.Channel
		for _, it := range p.Items {
			if it.State == model.Open {
				ch = model.DefaultChannel(it.Kind)
				break
			}
		}
		row := append(append([]string{p.Customer}, addr...), string(ch), p.Draft)
		for i := range row {
			row[i] = interchange.SpreadsheetSafe(model.SanitizeMultiline(row[i]))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
