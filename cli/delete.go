package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"regulars/model"
	"regulars/store"
)

// Deleting a record takes it off the card, the week and the exports; the
// store keeps it aside, so undelete brings it back under the same id.

func (e *env) deleteCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "delete RECORD-ID",
		Short:             "delete a note, visit, thank-you, feedback or outreach entry (undelete brings it back)",
		Long:              "Delete one record, named by its id (see 'regulars show WHO --ids'): note:12, visit:40, thanks:3, feedback:7, outreach:9. It leaves the card, the week and the exports; 'regulars undelete RECORD-ID' brings it back.",
		Example:           "  regulars delete visit:40",
		ValidArgsFunction: e.completeRecords(false),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withRecordID("delete", args, func(ctx context.Context, s *store.Store, id model.RecordID) error {
				r, err := s.Record(ctx, id)
				if err != nil {
					if model.ErrorCode(err) == model.ENOTFOUND {
						// RemoveRecord says whether it is already removed.
						if rerr := s.RemoveRecord(ctx, id); rerr != nil {
							return rerr
						}
					}
					return err
				}
				if err := s.RemoveRecord(ctx, id); err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "Deleted %s (%s). Bring it back with: regulars undelete %s\n", id, model.Sanitize(describeRecord(r, e.today)), id)
				return nil
			})
		},
	}
}

func (e *env) undeleteCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "undelete RECORD-ID",
		Short:             "bring back a deleted record under the same id",
		Example:           "  regulars undelete visit:40",
		ValidArgsFunction: e.completeRecords(true),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withRecordID("undelete", args, func(ctx context.Context, s *store.Store, id model.RecordID) error {
				if err := s.RestoreRecord(ctx, id); err != nil {
					return err
				}
				what := ""
				if r, err := s.Record(ctx, id); err == nil {
					what = " (" + model.Sanitize(describeRecord(r, e.today)) + ")"
				}
				fmt.Fprintf(e.stdout, "Brought back %s%s.\n", id, what)
				return nil
			})
		},
	}
}

// withRecordID reads the one record id a command takes and opens the
// notebook for it.
func (e *env) withRecordID(name string, args []string, fn func(ctx context.Context, s *store.Store, id model.RecordID) error) error {
	if len(args) == 0 {
		return usagef(name, "say which record: its id, like visit:40 (see 'regulars show WHO --ids')")
	}
	if len(args) > 1 {
		return usagef(name, "unexpected word %q: one record id at a time", args[1])
	}
	id, err := model.ParseRecordID(args[0])
	if err != nil {
		return err
	}
	s, err := e.openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	return fn(context.Background(), s, id)
}
