"""Recognition quality on real KPI names from public sources (tests/fixtures/kpi_names), per the issue's target
precision ≥ 0.97 and recall ≥ 0.90.

How honest each figure is depends on the file:
- dev.tsv and holdout.tsv (646 names) were looked at while catalogue 1.1 was tuned: they must meet the target,
  which guards what the tuning achieved.
- final.tsv (359 names) and final2.tsv (319 names) were first measured untouched (0.777 / 0.557 and
  0.715 / 0.519), then their misses guided more vocabulary: they are held to the figures reached.
- final3.tsv (243 names from 51 further sources) measured 0.770 / 0.606 untouched (0.772 / 0.613 after vocabulary
  chosen without it); then its misses were studied (issue 8), which fixed general causes of false readings and
  added vocabulary (RECOGNITION_SOURCES.md): it is now seen too.
- final4.tsv (265 names from 58 further sources, collected and labelled by someone who never ran the tool) was
  measured once, untouched, after all of the above (2026-11-23): 0.786 / 0.554. Its misses were then read (issue 8,
  second pass): recognition now abstains on a name it cannot fully account for, a few wrong synonyms went, and
  narrower.tsv counts four count-for-rate label conventions; it is seen now (0.876 / 0.554 then, 0.887 / 0.663
  after the third pass).
- final5.tsv (268 names from 55 further sources, collected apart while the second pass ran) was measured once,
  untouched, after it (2026-11-24): 0.745 / 0.545. Its misses then guided the third pass (rate and count words,
  yes/no criteria, population heads, glossary vocabulary): it is seen now, held to the 0.80 / 0.68 reached.
- final6.tsv (290 names from 102 further pages, labelled twice against the whole catalogue, agreement 0.962) was
  measured once, untouched, during the third pass (2026-11-24): 0.755 / 0.532; then its misses were read: seen,
  held to the 0.81 / 0.64 reached.
- final7.tsv (387 names from 117 further pages, labelled twice against the whole catalogue, agreement 0.964) was
  measured once, untouched, at the start of the fourth pass (2026-11-24): 0.791 / 0.589. The fourth pass then split
  metrics the catalogue had lumped together (visits, page views, impressions, video and live views; counts and
  amounts apart from their rates: orders, refunds, returns, disputes, cancellations, engagements, repeat customers,
  favourites), relabelling the rows of every list that name the new metrics, and kept head readings to rates.
- final8.tsv (393 names from 154 further pages, labelled twice, agreement 0.959) was measured once, untouched,
  after the fourth pass (2026-11-24): 0.800 / 0.535. The fifth pass (2026-11-24) read the misses of final4 to
  final8 together: a metric is a rate by its own names or the catalogue's `rate_metrics`, never by a synonym; a
  count word contradicts a rate; count synonyms left rate metrics and rate synonyms left counts; camelCase field
  names split; time windows, attribution and search traffic scope a metric. Three older sets lost a little recall
  there, on rows labelled against labelling conventions 4 and 5 (`Number of sick days taken` as the attendance
  rate, `粉丝增长率` as followers, `应收账款周转率` as DSO): their floors moved down by that much.
- final9.tsv (379 names from 123 further pages, labelled twice, agreement 0.982) was measured once, untouched,
  after the fifth pass (2026-11-24): 0.845 / 0.519. Its misses were then read (catalogue errors such as 销售毛利
  as a margin and 投入产出比 as ROI, a worded gloss settling a combined label, behaviour vocabulary): it is seen
  now, held to the 0.90 / 0.64 reached.
- final10.tsv (375 names from 124 further pages, labelled twice, agreement 0.968) was measured once, untouched,
  after all of the above (2026-11-24): 0.868 / 0.497. Its misses were then read (durations such as `14days`
  as windows, camelCase acronyms, social-insights and helpdesk vocabulary; `Shipping speed` left transit time): it
  is seen now, held to the 0.88 / 0.59 reached.
- final11.tsv (334 names from 103 further pages, labelled twice, agreement 0.961) was measured once, untouched,
  after all of the above (2026-11-24): 0.874 / 0.481. Its misses were then read in the sixth pass (2026-11-24:
  the particle 的 never narrows a measure, an English gloss names the metric its Chinese label translates when
  that label reads as nothing, a behaviour term beside a metric's synonym makes a conduct line, durations in
  seconds, vocabulary): it is seen now, held to the 0.93 / 0.63 reached. The gloss reading costs final.tsv one
  label that calls `每位員工創造營收(Revenue per Employee)` nothing though holdout.tsv's `Revenue per employee` is
  that metric: its floor is 0.91. A timeliness rate no longer reads as the time it is about (招聘及时率 and
  到岗及时率 are not time to hire, as final7.tsv and final11.tsv label them; final2.tsv's `关键岗位到岗及时性` said
  otherwise): final2.tsv's recall floor is 0.83.
- final12.tsv (372 names from 125 further pages, labelled twice, agreement 0.960) was measured once, untouched,
  after the sixth pass (2026-11-24): 0.824 / 0.575. Its misses were then read (an average inside a synonym's
  words, a gloss in either script translating an unread label, `以秒為單位` as a unit, Taiwan web-analytics
  wording, behaviour terms before 规范/状况/工作, 遵守 as a judged criterion; 响应时效 is the response time, bare
  `Click share` and 退出率 left share of voice and bounce rate): it is seen now, held to the 0.87 / 0.69 reached.
- final13.tsv (370 names from 112 further pages, labelled twice, agreement 0.965) was measured once, untouched,
  after the sixth pass (2026-11-24): 0.821 / 0.530. Its misses were then read in the seventh pass (a rate named
  before its object, a breakdown by a dimension, a bare change word never taking its gloss's metric, a bracketed
  percent as the name's unit, 毛利 as gross profit, vocabulary): it is seen now, held to the 0.88 / 0.69 reached.
- final14.tsv (382 names from 98 further pages, labelled twice, agreement 0.974) was measured once, untouched,
  after the seventh pass (2026-11-24): 0.740 / 0.331, the lowest yet: its collectors, with the obvious pages
  taken, reached API field names, a warehouse scorecard of counts and other material further from the catalogue.
  Its misses were then read in the eighth pass (two metrics divided read as the composite a metric's `ratio_of`
  names, 销量/订单量 as units per order; warehouse operation counts, seller back-office and Taiwan finance
  vocabulary, behaviour terms): it is seen now, held to the 0.88 / 0.68 reached.
- final15.tsv (382 names from 108 further pages and files, labelled twice, agreement 0.961) was measured once,
  untouched, after the eighth pass (2026-11-24): 0.827 / 0.512, behaviour items 19 of 38. Its misses were then
  read in the ninth pass (an advertising word adds nothing to an advertising metric, `inbound` no longer narrows,
  Amazon's Session Percentage is a share, `X change` a growth, judged statements of Taiwan scorecards,
  vocabulary): it is seen now, held to the 0.89 / 0.66 reached.
- final16.tsv (286 names from 92 further pages and files, labelled twice, agreement 0.986) was measured once,
  untouched, after the ninth pass (2026-11-24): 0.807 / 0.558, behaviour items 6 of 14. Its misses were then read
  in the tenth pass (an unread label before a slash makes a quotient, `vs prior` a comparison, headcount turnover
  staff turnover, 频率 no longer a filler, non-brand and page scopes, competency rows, vocabulary): it is seen now,
  held to the 0.88 / 0.77 reached.
- final17.tsv (233 names from 53 further pages and files, labelled twice, agreement 0.961) was measured once,
  untouched, after the tenth pass (2026-11-24): 0.812 / 0.486, behaviour items 9 of 14. Its misses were then read
  in the eleventh pass (a gloss naming one of two joined things, call volume as a contact centre's load,
  `merchant`/`seller` scopes, competency rows, vocabulary): it is seen now, held to the 0.90 / 0.71 reached.
- final18.tsv (311 names from 73 further pages and files, labelled twice, agreement 0.961) was measured once,
  untouched, after the eleventh pass (2026-11-24): 0.849 / 0.552, behaviour items 6 of 12. Its misses were then
  read in the twelfth pass (opening and closing periods, final/successful/basic figures, `unpaid` no longer
  organic, a bare `Promotion` no longer the promotion rate, WMS task counts, attendance and call-quality rows,
  vocabulary): it is seen now, held to the 0.90 / 0.72 reached.
- final19.tsv (386 names from 95 further pages and files, labelled twice, agreement 0.943) was measured once,
  untouched, after the twelfth pass (2026-11-24): 0.780 / 0.360, behaviour items 18 of 30. Its misses were then
  read in the thirteenth pass (counts and balances apart from the rates and days beside them, 退单率 as returns,
  diluted/recurring/on-hand bases, Meta's zh-TW report columns, 正确性, appraisal-form competencies, vocabulary):
  it is seen now, held to the 0.87 / 0.54 reached.
- final20.tsv (373 names from 97 further pages and files, labelled twice, agreement 0.922) was measured once,
  untouched, after the thirteenth pass (2026-11-24): 0.866 / 0.480, behaviour items 15 of 27. Its misses were then
  read in the fourteenth pass (a payables turnover is not the days, 今日/本年度 periods, contact-centre
  conversation words, visit conversions, leadership competencies, vocabulary): it is seen now, held to the
  0.89 / 0.65 reached.
- final21.tsv (367 names from 98 further pages and files, labelled twice, agreement 0.951) was measured once,
  untouched, after the fourteenth pass (2026-11-24): 0.826 / 0.345, behaviour items 13 of 25. Its misses were then
  read in the fifteenth pass (a glossary's `X = Y`, Cyrillic lookalike letters, App端/PC端 clients, a shipping
  cost per order is no logistics cost, call-quality and appraisal rows, vocabulary): it is seen now, held to the
  0.87 / 0.52 reached.
- final22.tsv (383 names from 100 further files, labelled twice, agreement 0.945) was measured once, untouched,
  after the fifteenth pass (2026-11-24): 0.784 / 0.383, behaviour items 1 of 10. Its misses were then read in
  the sixteenth pass (this and past periods, DM and group-buy scopes, Taiwan's 销货额, back-office and HR
  vocabulary): it is seen now, held to the 0.84 / 0.56 reached.
- final23.tsv (393 names from 102 further files, labelled twice, agreement 0.957) was measured once, untouched,
  after the sixteenth pass (2026-11-24): 0.794 / 0.568, behaviour items 3 of 9. Its misses were then read in the
  seventeenth pass (a cover naming one metric beats one naming two, unit notes in brackets, numbers between
  camelCase words, yesterday and month-to-date periods, contact-centre and Taiwan vocabulary, career-ladder
  dimensions): it is seen now, held to the 0.82 / 0.73 reached.
- final24.tsv (417 names from 95 further pages and files, labelled twice, agreement 0.952) was measured once,
  untouched, after the seventeenth pass (2026-11-24): 0.902 / 0.567, behaviour items 18 of 39. Its misses were
  then read in the eighteenth pass (a closed list of units in a unit note, appraisal-form and contact-centre rows,
  Amazon vendor and FBA columns, Taiwan vocabulary): it is seen now, held to the 0.92 / 0.68 reached.
- final25.tsv (409 names from 87 further pages and files, labelled twice, agreement 0.966) was measured once,
  untouched, after the eighteenth pass (2026-11-24): 0.856 / 0.580, behaviour items 15 of 20. Its misses were
  then read in the nineteenth pass ("Est." as a basis, Ocean Engine's 消耗, Taiwan's 盈餘/損益/參觀, warehouse
  sorting, contact-centre and sales-team columns, appraisal-form rows): it is seen now, held to the 0.87 / 0.75
  reached. Reading "Est." as a basis fixed ten estimated amounts on six other lists and costs final2.tsv its
  `Estimated Win Rate`, which its labellers left unread (a CRM's forecast): final2.tsv's precision floor is 0.90.
- final26.tsv (419 names from 103 further pages and files, labelled twice, agreement 0.976) was measured once,
  untouched, after the nineteenth pass (2026-11-24): 0.783 / 0.409, behaviour items 23 of 47. Its misses were
  then read in the twentieth pass (camelCase chains, `L30D` and 最新 as periods, Taiwan's 年增率 as growth, 已 and
  从 as framing, seller-tool and Chinese ad vocabulary, appraisal-form rows): it is seen now, held to the
  0.83 / 0.59 reached.
- final27.tsv (420 names from 110 further pages and files, labelled twice, agreement 0.971) was measured once,
  untouched, after the twentieth pass (2026-11-24): 0.866 / 0.406, behaviour items 16 of 34. Its misses were
  then read in the twenty-first pass (an order's state as a qualifier, snake_case fields, 带货 and 私域 as channels,
  询单 and 客户 as what a figure is counted on, 进步值 as growth, seller-tool and warehouse vocabulary, appraisal-form
  rows): it is seen now, held to the 0.92 / 0.64 reached.
- final28.tsv (446 names from 101 further pages and files, labelled twice, agreement 0.948) was measured once,
  untouched, after the twenty-first pass (2026-11-24): 0.753 / 0.429, behaviour items 14 of 40. Its misses were
  then read in the twenty-second pass (pacing as attainment, a pod as a team, 月化 as a period, 分位 as a percentile,
  RTS breach as a late shipment, social and app channels, appraisal-form rows and Alibaba-style values): it is seen
  now, held to the 0.83 / 0.75 reached.
- final29.tsv (462 names from 114 further pages and files, labelled twice, agreement 0.957) was measured once,
  untouched, after the twenty-second pass (2026-11-24): 0.757 / 0.422, behaviour items 18 of 49. Its misses were
  then read in the twenty-third pass (days receivable/payable/inventory, "sum of", LW and DoD as framing, 达人 inside
  到达人数, 含预售 and 来自 as framing, 变化 as a change, call-centre and appraisal-form rows): it is seen now, held to
  the 0.85 / 0.73 reached.
- final30.tsv (469 names from 102 further pages and files, labelled twice, agreement 0.955) was measured once,
  untouched, after the twenty-third pass (2026-11-24): 0.750 / 0.368, behaviour items 7 of 22. Its misses were
  then read in the twenty-fourth pass (online retail sales and purchases of county e-commerce statistics, an
  order's value averaged as AOV, 连单率, revenue per unit, one-star and lost-time rates, purchase order amounts,
  direct cost, a support team's quality-form rows): it is seen now, held to the 0.81 / 0.53 reached.
- final31.tsv (432 names from 102 further pages and files, labelled twice, agreement 0.977) was measured once,
  untouched, after the twenty-fourth pass (2026-11-24): 0.817 / 0.422, behaviour items 9 of 20. Its misses were
  then read in the twenty-fifth pass (a rate per tag or channel as that rate split, a formula with bracketed sides
  as a gloss, a money threshold as no divider, 3-month windows, SLA, LINE friends, 种草 and 资源位 as framing,
  appraisal rows): it is seen now, held to the 0.88 / 0.65 reached.
- final32.tsv (426 names from 118 further pages and files, labelled twice, agreement 0.941) was measured once,
  untouched, after the twenty-fifth pass (2026-11-24): 0.865 / 0.553, behaviour items 20 of 35. Its misses were
  then read in the twenty-sixth pass (a count or amount whose last word divides as one side of a ratio, a report
  section's field, funnel steps and comparisons, 7-day averages, Seller Central, inventory days, service-check
  rows): it is seen now, held to the 0.93 / 0.71 reached after the review mends.
- final33.tsv (499 names from 142 further pages and files, labelled twice, agreement 0.978) was measured once,
  untouched, after the twenty-sixth pass (2026-11-24): 0.870 / 0.575, behaviour items 23 of 55. Its misses were
  then read in the twenty-seventh pass (a window's `over` as no divider, 外卖 as a channel, courier pickup and
  sign-off times, appraisal rows with a bracketed note): it is seen now, held to the 0.88 / 0.64 reached.
- final34.tsv (473 names from 109 further pages and files, labelled twice, agreement 0.973) was measured once,
  untouched, after the twenty-seventh pass (2026-11-24): 0.762 / 0.544, behaviour items 3 of 11. Its misses were
  then read in the twenty-eighth pass (Chinese run on from one English word as what is measured of it, daily and
  monthly averages, current and last periods, a violation rate, SKU counts, production yields, appraisal rows): it
  is seen now, held to the 0.83 / 0.73 reached after the review mends.
- final35.tsv (465 names from 98 further pages and files, labelled twice, agreement 0.957) was measured once,
  untouched, after the twenty-eighth pass (2026-11-24): 0.776 / 0.428, behaviour items 8 of 24. Its misses were
  then read in the twenty-ninth pass (counts and parts the lists label apart from a metric, LFL, 销售净额, daily
  active users, zh-TW words, orientations and other appraisal rows): it is seen now, held to the 0.85 / 0.50
  reached after the review mends.
- final36.tsv (467 names from 96 further pages and files, labelled twice, agreement 0.944) was measured once,
  untouched, after the twenty-ninth pass (2026-11-24): 0.719 / 0.457, behaviour items 21 of 42. Its misses were
  then read in the thirtieth pass (cost control as a task, counts per hour, week-over-week growth, MTTR in its
  field, an ad report's direct and indirect sales, vocabulary, appraisal rows): it is seen now, held to the
  0.80 / 0.54 reached after the review mends.
- final37.tsv (439 names from 73 further pages and files, labelled twice, agreement 0.973) was measured once,
  untouched, after the thirtieth pass (2026-11-24): 0.855 / 0.433, behaviour items 16 of 41. Its misses were
  then read in the thirty-first pass (a delta as growth, settled units, store, channel, settlement and estimate
  scopes, vocabulary, a call-quality form's lines): it is seen now, held to the 0.90 / 0.71 reached after the
  review mends, less one false reading (0.89) once the thirty-eighth pass read 综合ROI (final15, final44): final37
  labels its target line 综合ROI目标 none, where a metric's target reads as the metric (销售额目标 is gmv in final2).
- final38.tsv (506 names from 88 further pages and files, labelled twice, agreement 0.939) was measured once,
  untouched, after the thirty-first pass and its review mends (2026-11-24): 0.817 / 0.486, behaviour items 14 of
  37. Its misses were then read in the thirty-second pass (funnel steps, optimising a cost as a task, 巨量千川
  spend by funding, Taobao shop scores, vocabulary, appraisal rows): it is seen now, held to the 0.88 / 0.65
  reached.
- final39.tsv (446 names from 94 further pages and files, labelled twice, agreement 0.944) was measured once,
  untouched, after the thirty-second pass and its review mends (2026-11-24): 0.724 / 0.528, behaviour items 19 of
  42. Its misses were then read in the thirty-third pass (collected money apart from the collection rate,
  salaries only as a total, intervals and like-for-like bases, vocabulary, a leader evaluation's rows): it is seen
  now, held to the 0.77 / 0.61 reached.
- final40.tsv (505 names from 103 further pages and files, labelled twice, agreement 0.945) was measured once,
  untouched, after the thirty-third pass and its review mends (2026-11-24): 0.756 / 0.389, behaviour items 18 of
  37. Its misses were then read in the thirty-fourth pass (a level as a tier, opportunities apart from leads,
  marketplace programmes and channels as scopes, vocabulary, appraisal rows): it is seen now, held to the
  0.83 / 0.55 reached after the review mends.
- final41.tsv (475 names from 102 further pages and files, labelled twice, agreement 0.945) was measured once,
  untouched, after the thirty-fourth pass and its review mends (2026-11-24): 0.734 / 0.381, behaviour items 9 of
  31. Its misses were then read in the thirty-fifth pass (periods to date and at a year's end, forecasts as a
  basis, wages only as a total, a quotient set with `vs`, vocabulary, a driver appraisal's rows): it is seen now,
  held to the 0.81 / 0.57 reached after the review mends.
- final42.tsv (487 names from 89 further pages and files, labelled twice, agreement 0.955) was measured once,
  untouched, after the thirty-fifth pass and its review mends (2026-11-24): 0.786 / 0.429, behaviour items 7 of
  29. Its misses were then read in the thirty-sixth pass (a judged term's object, terms inside words that are no
  conduct, quality and pipeline vocabulary, zh-TW Google Ads words, hotel and call-quality form rows): it is seen
  now, held to the 0.84 / 0.64 reached after the review mends.
- final43.tsv (466 names from 119 further pages and files, labelled twice, agreement 0.968) was measured once,
  untouched, after the thirty-sixth pass and its review mends (2026-11-24): 0.775 / 0.411, behaviour items 15 of
  26. Its misses were then read in the thirty-seventh pass (Amazon's purchases as orders, a report's column under
  its funnel step, returns to origin, social reactions, company values): it is seen now, held to the 0.83 / 0.56
  reached. Purchases as orders follow final14, final25, final31 and final43; final2 and final4 label them units
  sold, and final4's floor moved down by that much (0.90 to 0.89).
- final44.tsv (490 names from 128 further pages and files, labelled twice, agreement 0.939) was measured once,
  untouched, after the thirty-seventh pass and its review mends (2026-11-24): 0.747 / 0.362, behaviour items 19 of
  35. Its misses were then read in the thirty-eighth pass (windows in months, ad platforms, visits per visitor as a
  quotient, vocabulary, an appraisal form's one-word traits): it is seen now, held to the 0.84 / 0.57 reached.
- final45.tsv (465 names from 98 further pages and files, labelled twice, agreement 0.978) was measured once,
  untouched, after the thirty-eighth pass and its review mends (2026-11-25): 0.798 / 0.352, behaviour items 21 of
  66. Its misses were then read in the thirty-ninth pass (an item under a judged category, competency codes,
  accounts as a scope, shipping scans, chats, vocabulary, appraisal terms): it is seen now, held to the 0.90 / 0.56
  reached.
- final46.tsv (444 names from 99 further pages and files, labelled twice, agreement 0.962) was measured once,
  untouched, after the thirty-ninth pass and its review mends (2026-11-25): 0.778 / 0.440, behaviour items 13 of
  34. Its misses were then read in the fortieth pass (questions, a unit's exponent, tickets ranked by a time, a
  bracketed formula, FBA's freight, staff roles, seller-tool vocabulary, a restaurant's appraisal rows): it is seen
  now, held to the 0.88 / 0.60 reached.
- final47.tsv (490 names from 102 further pages and files, labelled twice, agreement 0.976) was measured once,
  untouched, after the fortieth pass and its review mends (2026-11-25): 0.764 / 0.425, behaviour items 6 of 21.
  Its misses were then read in the forty-first pass (an ads report's windowed columns, a report's total of an
  acronym, a percent after an attainment, a ticket's satisfaction, seller-tool and back-office vocabulary,
  appraisal terms): it is seen now, held to the 0.86 / 0.61 reached.
- final48.tsv (414 names from 87 further pages and files, labelled twice, agreement 0.969) was measured once,
  untouched, after the forty-first pass and its review mends (2026-11-25): 0.790 / 0.416, behaviour items 2 of 3.
  Its misses were then read in the forty-second pass (`per` before a breakdown noun, the Ads API's underscored
  columns, turnover before tax, seller-tool, call-centre and zh-TW analytics vocabulary, attendance points): it is
  seen now, held to the 0.86 / 0.64 reached.
- final49.tsv (469 names from 74 further pages and files, labelled twice, agreement 0.936) was measured once,
  untouched, after the forty-second pass and its review mends (2026-11-25): 0.820 / 0.465, behaviour items 4 of
  19. Its misses were then read in the forty-third pass (an ambiguous whole of a share settled by its part, the
  Traditional 佔, a bracketed unit per a figure, `during`, a lifetime, ad-report, Meituan and live-room vocabulary,
  call-centre QA lines): it is seen now, held to the 0.87 / 0.69 reached.
- final50.tsv (471 names from 71 further pages and files, labelled twice, agreement 0.977) was measured once,
  untouched, after the forty-third pass and its review mends (2026-11-25): 0.860 / 0.525, behaviour items 18 of
  33. Its misses were then read in the forty-fourth pass (a measure-word count restating the count before it, a
  scorecard's category before a colon, a bar in a count's gloss, data-export `_n` counts, Gulf currencies, the
  毛一…毛四 profit levels, Pinduoduo, warehouse and appraisal vocabulary): it is seen now, held to the 0.89 / 0.72
  reached.
- final51.tsv (445 names from 113 further pages and files, labelled twice, agreement 0.960) was measured once,
  untouched, after the forty-fourth pass and its review mends (2026-11-25): 0.800 / 0.559, behaviour items 4 of
  13. Its misses were then read in the forty-fifth pass (an amount's word on an amount, attributed revenue as the
  ads', overseas sales, hourly and same-period figures, active customers, cancelled counts, appraisal terms): it is
  seen now, held to the 0.84 / 0.64 reached.
- final52.tsv (473 names from 81 further pages and files, labelled twice, agreement 0.934) was measured once,
  untouched, after the forty-fifth pass and its review mends (2026-11-25): 0.789 / 0.497, behaviour items 16 of
  28. Its misses have not been read: it is the one fresh list, so no floor holds it.
The honest estimate is the untouched figures, 0.71–0.90 precision and 0.33–0.61 recall on fresh names: below the
target.
`python benchmarks/recognition.py` prints every figure.
"""
from __future__ import annotations

import copy

import pytest

import benchmarks.recognition as bench
from benchmarks.recognition import FILES, NOT_METRICS, Score, load_names, score
from engine.catalogue import Catalogue
from engine.ruleset import load_catalogue

PRECISION, RECALL = 0.97, 0.90
FLOORS = {"final": (0.91, 0.86), "final2": (0.90, 0.83), "final3": (0.92, 0.77), "final4": (0.89, 0.67),
          "final5": (0.81, 0.68), "final6": (0.92, 0.69), "final7": (0.87, 0.64),
          "final8": (0.84, 0.65), "final9": (0.90, 0.64), "final10": (0.88, 0.59),
          "final11": (0.93, 0.63),
          "final12": (0.87, 0.69),
          "final13": (0.88, 0.69),
          "final14": (0.88, 0.68),
          "final15": (0.89, 0.66),
          "final16": (0.88, 0.77),
          "final17": (0.90, 0.71),
          "final18": (0.90, 0.72),
          "final19": (0.87, 0.55),
          "final20": (0.89, 0.65),
          "final21": (0.87, 0.52),
          "final22": (0.83, 0.56),
          "final23": (0.82, 0.73),
          "final24": (0.92, 0.68),
          "final25": (0.87, 0.75),
          "final26": (0.83, 0.59),
          "final27": (0.92, 0.64),
          "final28": (0.83, 0.75),
          "final29": (0.85, 0.73), "final30": (0.81, 0.53),
          "final31": (0.88, 0.65), "final32": (0.93, 0.71), "final33": (0.88, 0.64),
          "final34": (0.83, 0.73),
          "final35": (0.85, 0.50),
          "final36": (0.80, 0.54),
          "final37": (0.89, 0.71),
          "final38": (0.88, 0.65),
          "final39": (0.77, 0.61),
          "final40": (0.83, 0.55),
          "final41": (0.81, 0.57),
          "final42": (0.84, 0.64),
          "final43": (0.83, 0.56),
          "final44": (0.84, 0.57),
          "final45": (0.90, 0.56),
          "final46": (0.88, 0.60),
          "final47": (0.86, 0.61),
          "final48": (0.86, 0.64),
          "final49": (0.87, 0.69),
          "final50": (0.89, 0.72),
          "final51": (0.84, 0.64)}


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return Catalogue.from_document(load_catalogue("metrics@1.1.0"))


def _combined(cat: Catalogue, names: list[str]) -> Score:
    return score(cat, [row for name in names for row in load_names(name)])


@pytest.mark.parametrize("name", FILES)
def test_labels_use_catalogue_ids(cat, name):
    """A few labels name metrics the catalogue does not have yet (final.tsv, final2.tsv); they count as misses."""
    labels = {row["expected"] for row in load_names(name)} - set(NOT_METRICS)
    assert len(labels - set(cat.metrics)) <= 6, sorted(labels - set(cat.metrics))


def test_the_tuning_sets_meet_the_target(cat):
    result = _combined(cat, ["dev", "holdout"])
    assert result.precision >= PRECISION and result.recall >= RECALL, (result.precision, result.recall)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_later_sets_keep_what_they_measured(cat, name):
    precision, recall = FLOORS[name]
    result = score(cat, load_names(name))
    assert result.precision >= precision and result.recall >= recall, (result.precision, result.recall)


def test_behaviour_items_are_found(cat):
    assert _combined(cat, ["dev", "holdout"]).behaviour >= 0.85


def test_the_benchmark_refuses_a_catalogue_the_loader_would_refuse(monkeypatch):
    """A synonym that is also a context word is refused when a ruleset loads; the benchmark must not score it."""
    document = copy.deepcopy(load_catalogue("metrics@1.1.0"))
    units = next(m for m in document["metrics"] if m["id"] == "units-sold")
    units["context"] = [*units.get("context", []), units["synonyms"][0]]
    monkeypatch.setattr(bench, "load_catalogue", lambda reference: document)
    with pytest.raises(SystemExit) as refused:
        bench.main(["--repeat", "1"])
    assert "context word must not be a synonym" in str(refused.value)
