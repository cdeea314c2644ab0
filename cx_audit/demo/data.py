"""The story behind `cx-audit demo`: two audits of a fictional kitchen-fitting firm.

Brookfield Kitchens designs, supplies and fits kitchens for homeowners across North
Yorkshire from a showroom in Harrogate. The baseline audit in August found broken
lead-time promises (a critical failure), slow replies to complaints (another) and no
routine feedback. By November the firm has written down its offer, published service
standards and started a customer survey; the lead-time promise is now kept, but
complaints still wait more than a day for a reply, and a busy autumn with three leavers
has hurt consistency.

Answers are written as in an audit file (``yes``/``no``, option ids, numbers); items
left out are unanswered or, where a condition rules them out, not applicable.
"""

from __future__ import annotations

import datetime as dt

NA = object()  # marks an answer of N/A

CLIENT = "Brookfield Kitchens Ltd"
SITE = "Harrogate showroom"
AUDITOR = "Helen Marsh"
BASELINE_DATE = dt.date(2026, 8, 12)
CURRENT_DATE = dt.date(2026, 11, 11)

Answers = dict[str, tuple[object, str]]

CURRENT: Answers = {
    # Offer clarity
    "OC1": ("yes", "Agreed in September: \"We design, supply and fit kitchens for homeowners across North Yorkshire, "
                   "with one designer from first visit to handover, a fixed price and a fitting date we keep.\" "
                   "In the staff handbook and on the website's About page."),
    "OC2": (3, "Website, brochure, quote template and showroom script agree. The Facebook page still offers free "
               "worktop templating, withdrawn in June."),
    "OC3": (3, "A \"what is and is not included\" panel (plastering, electrics beyond the kitchen circuit, skip hire) "
               "was added to quotes in October; the website does not have it yet."),
    "OC4": ("customer_research", "The directors interviewed ten customers in August (recent, long-standing and two "
                                 "who chose a competitor); the write-up shaped the new offer statement."),
    "OC5": (4, "Fixed-price quotes now include fitting and waste removal, and the website has a worked price for a "
               "typical kitchen; all three invoices sampled matched their quotes."),
    "OC6": (3, "\"One designer start to finish\" appears unprompted in 9 of the last 50 Google reviews."),
    # Staff understanding of the offer
    "SU1": (3, "Designer, showroom adviser and office coordinator each gave a recognisable version; the coordinator "
               "left out the fitting-date promise."),
    "SU2": (2, "All three knew plastering is excluded; only one mentioned the list of recommended plasterers."),
    "SU3": ("structured_unchecked", "The new welcome pack covers the offer, but neither autumn starter was signed "
                                    "off before serving customers."),
    "SU4": (62, "13 of 21 customer-facing staff trained in the last 12 months; subcontracted fitters are not in the "
                "training record."),
    "SU5": (3, "Staff describe families on a once-in-fifteen-years project who value certain dates and a tidy site, "
               "which matches the review analysis."),
    "SU6": (2, "Product binders are current; there is nothing to check for delivery and fitting questions, which "
               "staff answer from memory."),
    # Staff buy-in
    "SB1": (3, "All three would recommend Brookfield; two named the design service, one the fitters' tidiness."),
    "SB2": (2, "Designers may offer up to £150 of goodwill without approval; fitters must still ring the office for "
               "anything."),
    "SB3": ("yes", "A fitter's idea of a call the day before fitting to confirm access was adopted in September."),
    "SB4": (1, "Designers are targeted on sales only; review scores are discussed informally."),
    "SB5": (2, "The operations director visits one fitting a week, unscheduled; the managing director rarely meets "
               "customers after the sale."),
    "SB6": (27, "Two fitters and the office coordinator left over the summer: 9 leavers against an average of 33 "
                "staff."),
    # Realistic expectation setting
    "ES1": (3, "Quoted lead time moved from six to eight weeks in September; 17 of the last 20 jobs were fitted in "
               "the quoted week."),
    "ES2": (3, "The new order confirmation lists cabinets, appliances, price, fitting week and exclusions; sent for "
               "all five jobs sampled."),
    "ES3": ("yes", "Published in September: a reply to every enquiry within one working day, and the fitting date "
                   "confirmed within five days of the order."),
    "ES4": (84, "From the enquiry log: 178 of 212 cases met both standards. The misses cluster in the three weeks "
                "the coordinator post was vacant."),
    "ES5": (2, "Customers are told of a delay on the day the date is missed, with an apology, but not before."),
    "ES6": (3, "The ten-year cabinet guarantee and the trade-body membership are evidenced; \"Harrogate's favourite "
               "kitchen company\" has no source."),
    # Exceeding expectations
    "EE1": (3, "Every customer gets a \"first meal\" hamper from a local deli on handover day; six recent reviews "
               "mention it."),
    "EE2": (NA, "Kitchens are bought once every ten to fifteen years: too few returning customers to observe."),
    "EE3": (3, "A fitter stayed late to finish a worktop before a customer's family party; thanked by name in the "
               "staff newsletter."),
    "EE4": (2, "Faults are put right well once the customer has chased; two of the last four complainants would still "
               "recommend Brookfield."),
    "EE5": ("no", "The enquiry form still asks, but since the CRM change in August the answer is no longer recorded."),
    # Consistency of performance
    "CP1": (2, "Written standards for the survey visit and fitting; none yet for handover or aftercare."),
    "CP2": ("quarterly", "First quarterly file review of ten jobs in October."),
    "CP3": (2, "The October review found three missing confirmation emails; an owner is named but there is no "
               "re-check date."),
    "CP4": (2, "Asked about guarantee length, worktop lead time and deposit: staff agreed on two of the three."),
    "CP5": (91, "From the remedial log: 9 of 104 jobs needed a second visit, mostly for doors damaged in transit."),
    "CP6": (1, "In the October half-term rush, showroom waits reached 25 minutes and two enquiry emails went "
               "unanswered for a week."),
    # Value added to the client's business
    "VC1": (3, "September analysis of 50 Google reviews: certain dates, one designer throughout and tidy fitters "
               "come up most."),
    "VC2": (2, "Testimonials describe finished kitchens; nobody checks afterwards whether the kitchen works as the "
               "customer planned."),
    "VC3": (36, "36 % of 2025 customers have bought again, mostly utility rooms, bedrooms and appliance "
                "replacements."),
    "VC4": ("equal_terms", "No loyalty terms, but no introductory discounts either since the spring promotion "
                           "ended."),
    "VC5": (1, "Asked informally at handover; the answers are not recorded or followed up."),
    "VC6": (2, "Fifteen customers ranked the services in August: the 3D design visit came first, the showroom coffee "
               "bar last. Nothing changed yet."),
    "VC7": ("A kitchen company that still answers the phone after the fitters have gone, and tells you the truth "
            "about dates.", ""),
    # The experience of the client's own customers
    "CX1": (2, "Journey mapped from enquiry to handover at a September workshop; not yet checked with customers, and "
               "aftercare is missing."),
    "CX2": ("yes", "A two-question text survey goes out on handover day since August: 58 replies, average 8.7 out of "
                   "10."),
    "CX3": (2, "Replies are read at the Monday meeting; actions are discussed but not written down."),
    "CX4": (30, "Median of the last ten complaints: 30 hours to a personal reply (from 3 to 96 hours); slowest while "
                "the coordinator post was vacant."),
    "CX5": (3, "Five mystery contacts (two showroom visits, three calls): all prompt and courteous; one call felt "
               "rushed."),
    "CX6": (2, "Complaints are logged with date and cause in a shared spreadsheet since September; no analysis yet."),
    "CX7": (NA, "Brookfield sells to homeowners only."),
    "CX8": ("The fitters: how tidy they are and how they explain what they are doing. Reviews agree, and also praise "
            "the designers by name.", ""),
}  # fmt: skip

BASELINE: Answers = {
    "OC1": ("no", "The directors describe the offer well from memory, but nothing is written down; the website's About "
                  "page is a company history."),
    "OC2": (2, "The 2023 brochure still promises fitting \"within four weeks\"; the website says six to eight."),
    "OC3": (2, "Plastering and electrics are excluded on the quote; skip hire, the usual surprise, only in the terms."),
    "OC4": ("frontline_feedback", "Reworked at the 2021 rebrand from what the designers said customers ask for."),
    "OC5": (3, "Quotes are fixed-price, but one of three invoices sampled added a waste-removal charge."),
    "OC6": (2, "The client says \"quality and service\"; reviews mostly praise the fitters by name."),
    "SU1": (2, "The senior designer and a fitter gave a recognisable version; the showroom adviser listed the "
               "product ranges instead."),
    "SU2": (2, "Staff know plastering is excluded, but each suggests something different instead."),
    "SU3": ("shadowing_only", "New showroom staff shadow a designer for two weeks."),
    "SU4": (40, "The training record covers 8 of 20 customer-facing staff; no sessions since the spring."),
    "SU5": (3, "A good instinctive grasp of who the customers are."),
    "SU6": (1, "Showroom binders hold the 2024 price list."),
    "SB1": (3, "All three would recommend Brookfield to a friend."),
    "SB2": (1, "Every concession needs a director: two customers waited a week for a £40 replacement handle."),
    "SB3": ("yes", "Floor protection on every fitting since April, a fitter's suggestion."),
    "SB4": (1, "Designers are targeted on sales only."),
    "SB5": (2, "The operations director visits fittings when problems are reported."),
    "SB6": (18, "Six leavers in twelve months, mostly showroom staff."),
    "ES1": (1, "\"Six weeks from order\" promised in the showroom; 11 of the last 20 jobs took eight weeks or more."),
    "ES2": (2, "The signed quote sets out the scope and price; the fitting date is only confirmed by phone."),
    "ES3": ("no", "No published standards."),
    "ES5": (1, "In two cases in July customers found out about a delay only when they rang to ask."),
    "ES6": (2, "Several claims in the brochure have nothing behind them."),
    "EE1": (3, "The handover hamper has been given to every customer since 2024."),
    "EE2": (NA, "Too few returning customers to observe."),
    "EE3": (2, "Staff had good examples, but none had been recognised."),
    "EE4": (2, "Remedial work is good; apologies are slow."),
    "EE5": ("yes", "Recorded on the enquiry form."),
    "EE6": (34, "34 % of new customers in 2025 came through a personal recommendation."),
    "CP1": (2, "Written standards for the survey visit and fitting only."),
    "CP2": ("never_checked", "Service has never been checked against the standards."),
    "CP4": (2, "Staff agreed on two of the three questions."),
    "CP5": (88, "11 of 92 jobs needed a return visit."),
    "CP6": (2, "The showroom is stretched on Saturdays but copes."),
    "VC1": (2, "Plenty of reviews, never analysed."),
    "VC2": (2, "Testimonials only."),
    "VC3": (33, "33 % of 2024 customers have bought again, mostly utility rooms and appliances."),
    "VC4": ("new_sometimes_better", "The spring \"free appliance pack\" was for new orders only; past customers "
                                    "ordering a utility room were not offered it."),
    "VC5": (1, "Asked now and then at handover; nothing is recorded."),
    "VC6": (1, "Discussed by the directors, never tested with customers."),
    "VC7": ("The best fitters in Harrogate.", ""),
    "CX1": (1, "The process is described department by department: sales, ordering, fitting."),
    "CX2": ("no", "Only unprompted Google reviews."),
    "CX4": (52, "No complaints log; times taken from the shared mailbox. Median 52 hours."),
    "CX5": (3, "A warm showroom welcome; one of three calls went to voicemail and was returned the same afternoon."),
    "CX6": (1, "Complaints are kept in the mailbox only."),
    "CX7": (NA, "Brookfield sells to homeowners only."),
    "CX8": ("Our fitters.", ""),
}  # fmt: skip
