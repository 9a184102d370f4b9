package tui

import (
	"context"
	"strconv"
	"strings"

	"regulars/model"
)

// customerForm adds a customer (cu == nil) or edits one. Editing sends only
// the fields that changed.
func customerForm(c *Common, cu *model.Customer) *FieldForm {
	var v model.Customer
	title := "New customer"
	if cu != nil {
		v = *cu
		title = "Edit " + clean(cu.Name)
	}
	specs := []fieldSpec{
		{label: "Name", value: clean(v.Name), placeholder: "required", limit: model.MaxNameLen},
		{label: "Nickname", value: clean(v.Nickname)},
		{label: "Phone", value: clean(v.Phone)},
		{label: "E-mail", value: clean(v.Email)},
		{label: "Birthday", value: v.Birthday.String(), placeholder: "YYYY-MM-DD or MM-DD", hint: "MM-DD when the year is unknown"},
		{label: "Anniversary", value: v.Anniversary.String(), placeholder: "YYYY-MM-DD or MM-DD"},
		{label: "Partner", value: clean(v.Partner)},
		{label: "Children", value: clean(v.Children), placeholder: "e.g. Emma (7), Max"},
		{label: "Interests", value: clean(v.Interests)},
		{label: "Usual order", value: clean(v.Usual)},
		{label: "Tags", value: clean(strings.Join(v.Tags, ", ")), placeholder: "comma-separated", hint: "separate tags with commas"},
		{label: "Address", value: clean(v.Address.String()), placeholder: "Hauptstr. 5, 10115 Berlin"},
		{label: "Referred by", value: referrer(v.ReferredBy), placeholder: "who sent them: a name or #id"},
	}
	const (
		fName = iota
		fNick
		fPhone
		fEmail
		fBday
		fAnniv
		fPartner
		fChildren
		fInterests
		fUsual
		fTags
		fAddress
		fReferred
	)
	var initial []string
	for _, s := range specs {
		initial = append(initial, s.value)
	}
	s := c.Store
	check := func(vals []string) (map[int]string, writeFunc) {
		errs := map[int]string{}
		for i := range vals {
			if i != fTags {
				vals[i] = strings.TrimSpace(vals[i])
			}
		}
		if vals[fName] == "" {
			errs[fName] = "a customer needs a name"
		}
		if e := vals[fEmail]; e != "" && !strings.Contains(e, "@") {
			errs[fEmail] = "an e-mail address has an @"
		}
		if p := vals[fPhone]; p != "" && model.PhoneDigits(p) == "" {
			errs[fPhone] = "a phone number needs digits"
		}
		bday, err := model.ParseMonthDay(vals[fBday])
		if err != nil {
			errs[fBday] = model.ErrorMessage(err)
		}
		anniv, err := model.ParseMonthDay(vals[fAnniv])
		if err != nil {
			errs[fAnniv] = model.ErrorMessage(err)
		}
		tags := splitTags(vals[fTags])
		addr, err := model.ParseAddress(vals[fAddress])
		if err != nil {
			errs[fAddress] = model.ErrorMessage(err)
		}
		if len(errs) > 0 {
			return errs, nil
		}
		// Who sent them is looked up when the form is written (a name may
		// match several: the store says so, and nothing is written).
		referred := vals[fReferred]
		referredID := func(ctx context.Context) (int64, error) {
			if referred == "" {
				return 0, nil
			}
			r, _, err := s.Resolve(ctx, referred)
			if err != nil {
				return 0, model.Errorf(model.ErrorCode(err), "referred by: %s", model.ErrorMessage(err))
			}
			return r.ID, nil
		}
		if cu == nil {
			nc := &model.Customer{Name: vals[fName], Nickname: vals[fNick], Phone: vals[fPhone], Email: vals[fEmail],
				Birthday: bday, Anniversary: anniv, Partner: vals[fPartner], Children: vals[fChildren],
				Interests: vals[fInterests], Usual: vals[fUsual], Tags: tags, Address: addr}
			return nil, func(ctx context.Context) (FormDoneMsg, error) {
				var err error
				if nc.ReferredBy, err = referredID(ctx); err != nil {
					return FormDoneMsg{}, err
				}
				if err := s.CreateCustomer(ctx, nc); err != nil {
					return FormDoneMsg{}, err
				}
				return FormDoneMsg{CustomerID: nc.ID, Status: "Added " + clean(nc.Name)}, nil
			}
		}
		var u model.CustomerUpdate
		str := func(i int, dst **string) {
			if vals[i] != strings.TrimSpace(initial[i]) {
				v := vals[i]
				*dst = &v
			}
		}
		str(fName, &u.Name)
		str(fNick, &u.Nickname)
		str(fPhone, &u.Phone)
		str(fEmail, &u.Email)
		str(fPartner, &u.Partner)
		str(fChildren, &u.Children)
		str(fInterests, &u.Interests)
		str(fUsual, &u.Usual)
		if vals[fBday] != initial[fBday] {
			u.Birthday = &bday
		}
		if vals[fAnniv] != initial[fAnniv] {
			u.Anniversary = &anniv
		}
		if vals[fTags] != initial[fTags] {
			u.Tags = &tags
		}
		if vals[fAddress] != strings.TrimSpace(initial[fAddress]) {
			u.Address = &addr
		}
		id := cu.ID
		changedReferrer := vals[fReferred] != strings.TrimSpace(initial[fReferred])
		return nil, func(ctx context.Context) (FormDoneMsg, error) {
			if changedReferrer {
				r, err := referredID(ctx)
				if err != nil {
					return FormDoneMsg{}, err
				}
				u.ReferredBy = &r
			}
			nc, err := s.UpdateCustomer(ctx, id, u)
			if err != nil {
				return FormDoneMsg{}, err
			}
			return FormDoneMsg{CustomerID: id, Status: "Saved " + clean(nc.Name)}, nil
		}
	}
	f := newFieldForm(c, title, specs, check)
	if cu != nil {
		// A new customer has no id to keep a draft under yet.
		f.customerID, f.draftName = cu.ID, "customer"
	}
	return f
}

// referrer is the Referred-by field's value for a customer's referrer: its
// id, which the form resolves back to the same customer.
func referrer(id int64) string {
	if id == 0 {
		return ""
	}
	return "#" + strconv.FormatInt(id, 10)
}
