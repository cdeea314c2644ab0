"""The story behind `cx-audit demo`: two audits of a fictional kitchen-fitting firm.

Brookfield Kitchens designs, supplies and fits kitchens for homeowners across North
Yorkshire from a showroom in Harrogate, audited against the second edition of
cx-essentials with the `retail` sector profile (the public walks in, compares and buys;
a kitchen is bought once in ten to fifteen years, so repeat custom and referrals are
judged as for retail). In August the directors had written the offer down, moved the
quoted lead time to eight weeks and given past customers the same deals as new ones, but
complaints still missed the new one-working-day standard (CX4) and fewer than four in
five customers called said they would come back (CV2): two critical failures. By
November complaints are answered on time, with a log, written goodwill
limits and review replies, and the score alone earns Established; but at a busy
Saturday and on test calls three of ten contacts were let down (CX5, a new critical
failure), so the verdict is Developing, capped by one critical failure.

Answers are written as in an audit file (``yes``/``no``, option ids, numbers); items
left out are unanswered or, where a condition or the profile rules them out, not
applicable. The nine "Staff view" statements carry no auditor's value: in August there
was no staff survey (N/A), in November the Staff Pulse's answers (demo/survey.py) are
the score and the auditor adds only a note. CV5 and CV1 come from the customer survey
exports in November (demo/surveys.py).
"""

from __future__ import annotations

import datetime as dt

NA = object()  # marks an answer of N/A
NOTE_ONLY = object()  # the auditor's note without a value: the staff survey's answers are the score

CLIENT = "Brookfield Kitchens Ltd"
SITE = "Harrogate"
AUDITOR = "Helen Marsh"
PROFILE = "retail"
BASELINE_DATE = dt.date(2026, 8, 13)
CURRENT_DATE = dt.date(2026, 11, 20)

Answers = dict[str, tuple[object, str]]

CURRENT: Answers = {
    # Offer clarity
    "OC1": ("yes", "Same statement, now also on the website, the brochure and the first page of every quote."),
    "OC2": (2, "Website, brochure, quote template and the showroom script agree; the Facebook page still had the withdrawn "
               "templating offer pinned on 3 November."),
    "OC3": (3, "A \"what is and is not included\" panel went onto quotes and the website in September, skip hire and making "
               "good included."),
    "OC4": ("customer_research", "June interviews on file; the statement has not changed since."),
    "OC5": (4, "Price list in the showroom and online with three worked examples of a fitted kitchen; all three invoices "
               "sampled matched their quotes."),
    "OC6": (4, "The designer or the fixed fitting date named unprompted in 7 of the last 30 reviews."),
    # Staff understanding of the offer
    "SU1": (3, "All three gave a recognisable version; the new office coordinator left out the fixed price."),
    "SU2": (3, "All three knew both limits and gave the agreed answer: the recommended plasterers' list, weekday fitting "
               "only."),
    "SU3": ("structured_unchecked", "Welcome pack in use, but neither autumn starter was signed off before serving alone."),
    "SU4": (83, "20 of 24, after two briefings for the fitters in September; the two autumn starters are not yet trained."),
    "SU5": (3, "Consistent and matches what customers told me; nobody could give an example of acting on it."),
    "SU6": (3, "A shared FAQ, reviewed in October: the adviser found the worktop lead time in under a minute."),
    # Staff buy-in
    "SB2": (3, "Written since September: £150 for designers, £50 for fitters. The three staff asked quoted it."),
    "SB3": ("yes", "Photos of the finished kitchen sent to the designer on handover day, a fitter's idea from October."),
    "SB4": (1, "Still sales only: review scores for designers are agreed in principle but not yet in anyone's objectives."),
    "SB5": (3, "Operations director's diary: one unannounced fitting visit a week since September; findings not yet shared "
               "with staff."),
    "SB6": (29, "Seven leavers against an average of 24, three of them this autumn (two fitters and the office coordinator)."),
    # Realistic expectation setting
    "ES8": (85, "17 of 20 fitted in the quoted week, complete and at the quoted price, as the showroom board says; one late "
                "worktop, one unagreed extra for a moved socket, one missing end panel."),
    "ES2": (3, "All five sampled complete; no named contact on them and not re-sent when a date moves."),
    "ES3": ("yes", "Same two standards, now also on the showroom wall."),
    "ES4": (92, "August-October: 199 of 216; the misses cluster in the three weeks the coordinator post was vacant."),
    "ES5": (3, "The three late jobs since August: each customer rang by the designer before the date, with a new one."),
    "ES6": (3, "Unchanged: \"Harrogate's favourite\" is still on the van livery."),
    # Exceeding expectations
    "EE1": (4, "Given every time, and mentioned unprompted in 7 of the last 30 reviews."),
    "EE2": (3, "Showroom staff now open the customer's record when they arrive; a returning customer was greeted with her "
               "last order."),
    "EE3": (3, "Two of three had an example from the last quarter; the newsletter now names them."),
    "EE4": (3, "Typical case fixed within the week, with an apology from the designer and an explanation."),
    "EE5": ("yes", "Recorded for every enquiry; October figures shown."),
    "EE6": (31, "31 %; the share from Google has risen with the better reviews."),
    # Consistency of performance
    "CX5": (3, "Six showroom contacts watched on Saturday 14 November and four test calls: three fell short. Two visitors "
               "waited over a minute unacknowledged while both advisers were on the phone; one call rang out."),
    "CP1": (3, "Standards from first contact to aftercare, rewritten in September and used in the welcome pack."),
    "CP2": ("monthly", "Monthly file review since September: three reports on file."),
    "CP3": (3, "Each finding has an owner and a date; five of seven closed, not yet re-checked."),
    "CP4": (3, "Consistent on all three; the office was vague on the worktop lead time."),
    "CP5": (95, "5 of 104, after padded door crates came in."),
    "CP6": (1, "Appointment-only Saturdays started in September, but walk-ins were not planned for: half-term waits reached "
               "25 minutes."),
    # Value added for customers
    "VC1": (3, "Same analysis, refreshed in October with the survey comments; no decision made on it yet."),
    "VC4": ("loyal_favoured", "Past-customer discount still applied; two more invoices checked."),
    "VC5": (2, "Unchanged: seven \"no\" answers since August, none followed up."),
    "VC6": (2, "Nothing changed yet on the strength of it."),
    "CX2": ("yes", "Text survey after design appointments, home surveys and handovers since September."),
    "CX3": (3, "Monthly review with actions, owners and dates in the minutes; most done."),
    # The people your customers serve
    "CX7": (3, "4 of 6 customers asked named the family handover guide or the hob demonstration for whoever cooks."),
    "CC1": (2, "The design brief now asks who cooks and who else uses the kitchen; no written needs per customer group."),
    "CC2": ("yes", "The six-week aftercare call asks how the household is getting on with it; notes for nine customers."),
    "CC3": ("designed", "A family handover guide (hob, child locks, care of worktops) in every hamper since September; no "
                        "record of use yet."),
    "CC4": (3, "An oven failed the week before a family christening: a loan cooker delivered and the fitter stayed to show "
               "the family."),
    # What customers say
    "CV2": (86.7, "26 of 30 called back; the four who would not named the wait for remedial work."),
    "CV3": (45, "9 of 20 named the offer's reasons unprompted; others named the fitters' tidiness."),
    "CV4": (10, "2 of 20: \"stood in the showroom like a lemon\" at half-term, and an unreturned call."),
    # What staff say (the Staff view items of the element sections)
    "SU7": (NOTE_ONLY, "Staff Pulse, 2-13 November: 12 of the 27 people invited answered (fitters, showroom and office, "
                       "management). Fitters are less sure than the rest."),
    "SU8": (NOTE_ONLY, "Staff Pulse. Fitters are the ones customers ask on site, and the least sure."),
    "SB7": (NOTE_ONLY, "Staff Pulse. Fitters see the remedial visits and are less convinced."),
    "ES7": (NOTE_ONLY, "Staff Pulse. Managers believe the promises hold; fitters see the misses."),
    "SB1": (NOTE_ONLY, "Staff Pulse. High everywhere: the product is not what worries staff."),
    "SB8": (NOTE_ONLY, "Staff Pulse. The sharpest split: managers say fitters have a limit, fitters say they cannot use it."),
    "SB11": (NOTE_ONLY, "Staff Pulse. Fitters say jobs are booked back to back at busy times."),
    "SB9": (NOTE_ONLY, "Staff Pulse. Showroom and managers agree; fitters do not hear back."),
    "SB10": (NOTE_ONLY, "Staff Pulse. Compare with SB6: three leavers this autumn."),
    # Whether customers come back
    "VC3": (45, "45 %; the past-customer discount since June has brought 14 orders."),
    # Phone, online channels and reputation
    "DR1": (18, "Five test calls, average 18 seconds; menu removed in September."),
    "DR2": (2, "Middle of three: 2 working hours; the Facebook message took a day."),
    "DR3": (4.6, "Google, last 30: 4.6."),
    "DR4": (83, "5 of 6 answered within seven days on the specific point, each naming the office manager."),
    "DR5": ("yes", "Unchanged since August; hours match the Google listing."),
    "DR6": (3, "Read twice a week, a theme tally goes to the monthly management meeting."),
    # Complaint handling from start to finish
    "CH1": ("published_promise", "An \"If something is not right\" card in the handover pack and on the website: office "
                                 "manager, reply by the end of the next working day."),
    "CX4": (90, "9 of the last 10 within the standard; the late one arrived on the coordinator's last day."),
    "CH2": (5, "Median 5 working days; weekly review of open complaints since September."),
    "CH3": (60, "6 of 10; fitters' £50 limit settled two on the spot."),
    "CH4": (60, "6 of the last 10 closed have a recorded call asking if the customer is happy."),
    "CX6": (3, "Causes grouped monthly: transit damage and templating dates lead; padded crates removed most transit damage."),
}  # fmt: skip

BASELINE: Answers = {
    # Offer clarity
    "OC1": ("yes", "Agreed in July and in the staff handbook: homeowners across North Yorkshire, one designer from first "
                   "visit to handover, a fixed price and a fitting date we keep."),
    "OC2": (2, "Brochure reprinted in July; the Facebook page still offers free worktop templating, withdrawn in June."),
    "OC3": (2, "Unchanged: skip hire and making good after the old kitchen comes out are only in the terms."),
    "OC4": ("customer_research", "The directors interviewed ten customers in June, two of them lost to a competitor; the "
                                 "write-up shaped the new statement."),
    "OC5": (3, "Waste removal now on the quote template; one of three invoices still added a late worktop upgrade without a "
               "revised quote."),
    "OC6": (3, "\"Same designer all the way through\" in 3 of the last 30 Google reviews."),
    # Staff understanding of the offer
    "SU1": (2, "Designer and adviser gave the new statement; neither mentioned the fitting-date promise. The fitter could "
               "not."),
    "SU2": (2, "Same result with the two scenarios (plastering, a Sunday fitting): two would refer to a manager."),
    "SU3": ("structured_unchecked", "A welcome pack covering the offer and its limits since July; the one summer starter was "
                                    "not signed off."),
    "SU4": (63, "15 of 24 after the July offer briefing; most fitters missed it."),
    "SU5": (3, "Unchanged and still right: certain dates and a tidy site come first in the June interviews too."),
    "SU6": (2, "Binders current; the adviser took four minutes to find the guarantee terms."),
    # Staff buy-in
    "SB2": (2, "Still informal: designers think they can give about £150; fitters unsure whether they can give anything."),
    "SB3": ("yes", "A call the day before fitting to confirm access, adopted in July from a fitter's idea."),
    "SB4": (1, "Unchanged: sales targets only."),
    "SB5": (2, "Occasional, unscheduled showroom Saturdays by the managing director."),
    "SB6": (21, "Five leavers against an average of 24."),
    # Realistic expectation setting
    "ES8": (80, "16 of 20: the quoted lead time moved to eight weeks in June. Two late, two with a missing end panel."),
    "ES2": (3, "Order confirmation since June lists cabinets, appliances, price, fitting week and exclusions; all five "
               "sampled."),
    "ES3": ("yes", "A second standard since July on the order confirmation: fitting date confirmed within five days of order."),
    "ES4": (80, "Enquiry log June-July: 168 of 210 cases met both standards."),
    "ES5": (2, "Customers now told on the day the date is missed, with an apology."),
    "ES6": (3, "Unchanged."),
    # Exceeding expectations
    "EE1": (3, "Hamper given to every customer in the job sheets sampled."),
    "EE2": (2, "Same."),
    "EE3": (3, "Same; one now in the staff newsletter."),
    "EE4": (2, "Remedial work is good; apologies are rare and nobody calls afterwards."),
    "EE5": ("yes", "Still recorded; July figures shown."),
    "EE6": (33, "33 %."),
    # Consistency of performance
    "CX5": (1, "Ten contacts: one visitor waited over a minute while the adviser finished an email."),
    "CP1": (2, "Unchanged; handover and aftercare still unwritten."),
    "CP2": ("quarterly", "First quarterly file review of ten jobs in July."),
    "CP3": (2, "The July review found missing confirmation emails; a fix agreed at the meeting, no owner or date."),
    "CP4": (3, "Consistent on all three; the fitter was vague on the deposit."),
    "CP5": (91, "9 of 101."),
    "CP6": (1, "Summer Saturdays: waits up to 30 minutes and two enquiry emails unanswered for a week. Known, no plan."),
    # Value added for customers
    "VC1": (3, "The June interviews and an analysis of 50 reviews: certain dates, one designer, tidy fitters."),
    "VC4": ("loyal_favoured", "Since June past customers get 10 % off a utility room or bedroom; two invoices show it."),
    "VC5": (2, "\"Would you use us again?\" is on the handover text survey; the \"no\" answers are not followed up."),
    "VC6": (2, "The June interviews confirm it: the 3D design visit first, the showroom coffee bar last."),
    "CX2": ("yes", "A two-question text survey after every handover since July: 58 replies."),
    "CX3": (2, "Replies read at the Monday meeting; actions discussed, not written down."),
    # The people your customers serve
    "CX7": (2, "1 of 5 customers asked named the handover guide; the others could not name anything."),
    "CC1": (1, "Discussed after the last visit; nothing written."),
    "CC2": ("no", "Not yet."),
    "CC3": ("on_request", "Unchanged."),
    "CC4": (3, "A tap leak the day before a christening lunch: fixed that evening, and an urn lent so the family could still "
               "serve their guests."),
    # What customers say
    "CV1": (85, "The July-August handover survey (48 answers to the same question) and my 12 call-backs: 51 of 60."),
    "CV2": (76.7, "23 of 30 called back."),
    "CV3": (40, "8 of 20 named one designer throughout or a fixed date, unprompted."),
    "CV4": (15, "3 of 20, all about emails not answered in the summer."),
    "CV5": (38, "From the handover survey since July, 58 answers."),
    # What staff say (the Staff view items of the element sections)
    "SU7": (NA, "No staff survey yet, so N/A: the auditor does not answer for the staff."),
    "SU8": (NA, "No staff survey yet, so N/A: the auditor does not answer for the staff."),
    "SB7": (NA, "No staff survey yet, so N/A: the auditor does not answer for the staff."),
    "ES7": (NA, "No staff survey yet, so N/A: the auditor does not answer for the staff."),
    "SB1": (NA, "No staff survey yet, so N/A: the auditor does not answer for the staff."),
    "SB8": (NA, "No staff survey yet, so N/A: the auditor does not answer for the staff."),
    "SB11": (NA, "No staff survey yet, so N/A: the auditor does not answer for the staff."),
    "SB9": (NA, "No staff survey yet, so N/A: the auditor does not answer for the staff."),
    "SB10": (NA, "No staff survey yet, so N/A: the auditor does not answer for the staff."),
    # Whether customers come back
    "VC3": (42, "42 %, same definition."),
    # Phone, online channels and reputation
    "DR1": (32, "Five test calls, average 32 seconds; a menu adds 12 seconds."),
    "DR2": (4, "Middle of three: 4 working hours."),
    "DR3": (4.5, "Google, last 30: 4.5."),
    "DR4": (50, "2 of 4 again; the August one-star review about a late worktop still unanswered."),
    "DR5": ("yes", "A contact page added in early August with phone, hours and how to complain; two clicks on a phone."),
    "DR6": (2, "Unchanged."),
    # Complaint handling from start to finish
    "CH1": ("published", "Complaints route on the terms and the order confirmation; a spreadsheet log since July."),
    "CX4": (70, "7 of the last 10 within the new one-working-day standard; two waited a week in August."),
    "CH2": (8, "Median 8 working days."),
    "CH3": (40, "4 of 10."),
    "CH4": (10, "1 of 10."),
    "CX6": (2, "Complete log since July; causes not analysed."),
}  # fmt: skip
