"""The concept map: words and phrases that name the same interview concept, for relevance matching.

A question word in a group is matched by any member in the answer. Groups with weight >= 0.8 name a
topic ("cache", "index"); lower weights mark broad domain groups that only hint at a topic.

``COMPETENCIES`` are the behavioural competencies interviewers ask about ("a time you mentored ...", "a
conflict ...", "a mistake ..."). They are kept tight: synonyms and close paraphrases that a candidate
telling that story would use, not loose associations, because a question word in one of them is the
focal concept an answer must engage (a sales story that mentions "in-service training" is not about
mentoring a colleague). Single words match by stem; phrases (``_`` joins words) match as written.
"""

from __future__ import annotations

#: Tight groups for behavioural competencies: the focal concept of "Tell me about a time you X".
COMPETENCIES: dict[str, str] = {
    "mentoring": "mentor mentored mentee mentees mentorship coach coached coaching coachee onboard onboarded"
                 " onboarding new_hire new_hires new_starter new_starters new_joiner joined_the_team"
                 " joined_our_team when_she_joined when_he_joined when_they_joined paired_with pair_with"
                 " shadow shadowed shadowing buddy tutor tutored apprentice"
                 " walked_her_through walked_him_through walked_them_through showed_her showed_him"
                 " showed_them"
                 " taught_her taught_him taught_them her_first his_first their_first first_weeks"
                 " first_few_weeks first_week first_month checked_in_weekly check-ins ramp_up ramped_up"
                 " up_to_speed develop_her develop_him grow_into",
    "conflict": "conflict conflicts disagree disagreed disagreement disagreeing argument argued argue clash"
                " clashed clashing tension tensions dispute friction pushback pushed_back push_back"
                " confront confronted confrontation objection objected at_odds falling_out fell_out"
                " difference_of_opinion common_ground middle_ground mediate mediated compromise didn't_agree"
                " did_not_agree wasn't_convinced not_convinced had_concerns raised_concerns my_concerns"
                " objected shouting shouted arguing row challenged questioned double-check double-checked"
                " second-guessed went_back_to_her went_back_to_him checked_with_her checked_with_him"
                " looked_wrong seemed_wrong wasn't_comfortable not_comfortable didn't_sit_right"
                " set_on dead_set insisted adamant wouldn't_budge tell_him_no tell_her_no",
    "mistake": "mistake mistakes error errors blunder oversight missed got_wrong my_fault fault"
               " messed_up dropped_the_ball wrong failure failed fail setback near-miss discrepancy"
               " incorrect miscalculated overlooked went_wrong go_wrong didn't_work did_not_work broke broken"
               " broke_down let_us_down let_me_down no-show collapsed flawed inconsistent flopped fell_flat"
               " fell_short didn't_land nobody_used no_one_used hardly_anyone nobody_was almost_nobody"
               " underperformed didn't_deliver wasn't_working hadn't_moved didn't_move missed_the_target"
               " shelved scrapped my_error caught_it_myself should_have_checked mix-up mixed_up"
               " used_the_wrong sent_the_wrong picked_the_wrong owned_up own_up go_as_planned go_to_plan"
               " according_to_plan",
    "saying_no": "say_no said_no saying_no declined decline turned_down turn_down refused refuse pushed_back"
                 " push_back vetoed not_feasible couldn't_do wouldn't_commit",
    "rejection": "reject rejected rejection turned_down didn't_like did_not_like hated not_happy unhappy"
                 " pushed_back shot_down scrapped vetoed declined not_what_they_wanted wasn't_convinced"
                 " don't_like doesn't_like didn't_want won't_approve",
    "bad_conversation": "upset angry furious heated went_badly go_badly going_badly went_wrong complaint"
                        " complained complaining irate hostile defensive rude yelled shouted hung_up blew_up"
                        " frustrated frustration escalated tense tears crying accused accusation"
                        " unhappy annoyed",
    "difficult_person": "uncooperative dismissive aggressive upset angry"
                        " frustrated irate rude hostile complain complained complaint complaints escalated"
                        " unhappy annoyed",
    "leadership": "leadership lead leader led leading took_charge took_the_lead in_charge stepped_up"
                  " rallied motivated inspire inspired steer steered spearheaded championed initiated"
                  " proposed organised organized coordinated piloted rolled_out trained_the",
    "delegation": "delegate delegated delegating delegation handed_off hand_off assigned reassigned"
                  " entrusted",
    "feedback": "feedback criticism critique criticised criticized critical constructive comments"
                " review reviewed told_me told_him told_her first_reaction defensive took_it_on_board"
                " take_it_on_board pointed_out fair_point that_was_fair he_was_right she_was_right"
                " they_were_right",
    "priority": "prioritise prioritize prioritised prioritized prioritising prioritizing priority"
                " priorities triage triaged juggle juggled competing deadline deadlines trade-off"
                " urgent",
    "pressure": "deadline deadlines pressure crunch tight urgent urgency rush rushed last_minute"
                " short_notice time-sensitive overdue behind_schedule running_late delayed delay slipping"
                " slipped slip catch_up back_on_track recover recovered due due_date turnaround timeline"
                " timeframe time_frame on_time in_time overnight peak busiest short-staffed understaffed"
                " short_staffed workload swamped stretched long_hours overtime weekend monday tuesday"
                " wednesday thursday friday saturday sunday",
    "persuade": "persuade persuaded persuading convince convinced convincing influence influenced buy-in"
                " bought_in win_over won_over pitch pitched advocate advocated negotiate negotiated"
                " change_their_mind changed_his_mind changed_her_mind authority no_authority"
                " without_authority didn't_report_to_me did_not_report_to_me reported_to_other"
                " reported_to_different report_to_other",
    "ambiguity": "ambiguity ambiguous unclear uncertain uncertainty incomplete vague unknown unknowns"
                 " no_clear undefined didn't_know didn't_really_know did_not_know not_sure wasn't_sure"
                 " weren't_sure no_way_to_know couldn't_tell couldn't_confirm couldn't_be_sure"
                 " without_knowing best_guess judgment_call judgement_call partial_information"
                 " limited_information missing_information hadn't_updated until_proven_otherwise assume"
                 " assumed assumption no_way_of_knowing",
    "change": "change changes changed adapt adapted adapting adjust adjusted pivot pivoted transition"
              " reorganisation reorganization restructure restructuring",
    "ethics": "ethical ethics unethical integrity honest honesty dishonest fraud falsify falsified"
              " whistleblow spoke_up speak_up raised_concerns raise_concerns reported conscience"
              " the_right_thing",
    "teamwork": "teamwork collaborate collaborated collaboration cooperate cooperated together"
                " cross-functional multidisciplinary interdisciplinary multi-disciplinary discipline"
                " disciplines cross-team other_teams other_departments",
    "initiative": "initiative proactive proactively volunteer volunteered above_and_beyond on_my_own"
                  " without_being_asked self-started went_out_of_my_way nobody_asked",
    "learn": "learn learned learnt learning taught_myself self-taught picked_up ramp_up ramped_up"
             " studied crash_course get_up_to_speed new_to_me never_used taught_yourself didn't_know"
             " documentation tutorial tutorials course read_up",
    "morale": "morale motivate motivated motivating motivation engaged engagement energy burnout burned_out"
              " recognition recognise recognize recognised recognized celebrate celebrated appreciation"
              " appreciated thanked reward rewarded time_off day_off weekend_off quit quitting turnover",
    "trust": "trust trusted trusting rapport opened_up open_up relationship bond connection connected"
             " believed_me confided",
    "unwelcome": "didn't_want_to_hear bad_news unwelcome unpopular uncomfortable pushed_back disagreed"
                 " contradicted challenged not_what_he_wanted not_what_she_wanted not_what_they_wanted",
}  # fmt: skip

#: Concept map: each group lists words and phrases that name the same interview concept.
#: A question word in a group is matched by any member in the answer. Weight < 1 marks broad groups.
CONCEPT_GROUPS: dict[str, tuple[float, str]] = {
    "anxiety": (1.0, "anxious anxiety nervous scared afraid fear fearful worried panic panicked phobia"
                " reassure reassured calm calmed composure composed flustered rattle rattled level-headed"
                " keep_my_head kept_my_head stress stressed stressful"),
    "speed": (1.0, "fast quick quickly rapid rapidly swift swiftly immediately straight_away right_away"
              " split-second on_the_spot in_seconds within_minutes no_time limited_time time-critical"),
    "young_person": (1.0, "young youth youngster youngsters teen teens teenager teenagers adolescent"
                     " adolescents lad lads kid kids child children boy girl pupil pupils thirteen fourteen"
                     " fifteen sixteen seventeen year_9 year_10 year_11 year_12 year_13"),
    "wording": (0.9, "term terms word words phrase phrases expression expressions terminology vocabulary"
                " idiom idioms"),
    "conversation": (0.9, "conversation conversations talk talked call called phone meeting spoke speak"
                     " discussion discussed chat emailed sat_down one-on-one"),
    "colleague": (0.9, "colleague colleagues coworker coworkers co-worker teammate teammates peer peers"
                  " team_member team_members counterpart partner developer developers engineer engineers"
                  " designer designers analyst analysts nurse nurses associate associates technician"
                  " specialist specialists rep reps"),
    "design": (0.9, "design designs designer logo mockup mockups prototype layout brand rebrand wireframe"
               " wireframes sketch sketches concepts"),
    "customer": (0.5, "customer customers client clients patient patients user users guest guests shopper"
                 " buyer consumer consumers caller account accounts family families tenant visitor"),
    "communicate": (0.9, "communicate communicated communication explain explained present presented"
                    " presentation convey clarify simplify simplified non-technical audience jargon"
                    " analogy articulate"),
    "improve": (0.5, "improve improved improvement optimize efficient efficiency faster reduce reduced"
                " increase increased enhance better fix fixed streamline"),
    "safety": (1.0, "safety safe unsafe risk hazard incident harm protocol procedure accident injury"
               " safeguard safeguards double-check double_check independent_check verification"),
    "weakness": (1.0, "weakness weaknesses weak struggle struggled working_on gap shortcoming improve"
                 " development area_of_improvement"),
    "strength": (1.0, "strength strengths strong good_at skill skills excel"),
    "motivation": (1.0, "motivate motivation motivated passion interest interested excite excited drive"
                   " mission career why_this apply applying join joining want_to_work values"),
    "self_intro": (1.0, "about_yourself background career experience currently years studied degree"
                   " journey introduce"),
    "decision": (1.0, "decide decided decision decisions choose chose choice judgment judgement option"
                 " options weigh weighed"),
    "data": (0.5, "data metric metrics analytics analysis dashboard measure measured kpi numbers"),
    "money": (0.5, "budget cost costs spend spending expense expenses money price pricing revenue profit"
              " margin savings dollars"),
    "sales": (1.0, "sale sales sell sold quota deal deals pipeline prospect prospects close closed"),
    "stakeholder": (0.5, "stakeholder stakeholders executive executives leadership management boss sponsor"
                    " vendor supplier"),
    "problem": (0.5, "problem problems issue issues obstacle incident outage crisis emergency bug"),
    "creative": (1.0, "creative creativity innovate innovative idea ideas novel experiment invented"),
    "quality": (0.9, "quality accuracy accurate detail details checklist standards audit double-check"
                " consistent consistency proofread proofreading second-pass second_pass cross-check"),
    "teach": (0.9, "teach teaching tutor student students pupil pupils lesson lessons"),
    "remote": (1.0, "remote distributed virtual timezone timezones async"),
    "index": (1.0, "index indexes indices indexed b-tree btree lookup lookups scan scans seek clustered"),
    "network": (1.0, "network networks networking lan wan vlan vlans switch switches router routers firewall"
                " firewalls wi-fi wifi wireless access_point access_points subnet subnets ethernet poe"),
    "frontend": (1.0, "frontend front-end front_end ui client-side browser react vue angular component"
                 " components dom render rendering"),
    "recommendation": (1.0, "recommend recommendation recommendations recommender ranking ranker rank"
                       " personalised personalized personalisation personalization collaborative_filtering"
                       " candidate_generation"),
    "food_safety": (1.0, "haccp hazard hazards ccp ccps critical_control_point critical_control_points"
                    " critical_limit critical_limits food_safety"),
    "experiment": (1.0, "experiment experiments experimental assay assays blot blots western trial trials"
                   " protocol protocols control controls replicate replicates hypothesis"),
    "idempotent": (1.0, "idempotent idempotency idempotence twice rerun reruns re-run retry retries"
                   " same_result same_end_state same_state duplicate duplicates dedupe deduplicate"
                   " deduplication overwrite overwrites upsert"),
    "autocomplete": (1.0, "autocomplete auto-complete typeahead type-ahead suggest suggestion suggestions"
                     " completion completions prefix prefixes trie"),
    "realtime": (1.0, "real-time realtime live websocket websockets push streaming instant instantly sse"
                 " long-polling"),
    "maintenance": (1.0, "maintenance preventive preventative planned_maintenance condition_monitoring cmms"
                    " lubrication inspection inspections breakdown breakdowns downtime reliability"),
    "engage": (1.0, "engage engaged engaging disengaged wouldn't_talk didn't_talk started_talking turned_up"
               " turn_up showed_up show_up came_back come_back attend attended join_in joined_in"),
    "advice": (1.0, "advise advised advising advice adviser advisor guidance guide guided counsel"
               " counselled counseled recommend recommended recommendation suggested options"),
    "cache": (1.0, "cache caching cached redis memcached ttl eviction evict invalidate invalidation lru"),
    "rate_limit": (1.0, "limiter limiters rate_limit rate_limits rate_limiting rate-limit rate-limiting"
                   " throttle throttled throttling token_bucket leaky_bucket sliding_window fixed_window"
                   " quota quotas too_many_requests 429 retry-after"),
    "database": (0.5, "database databases sql table tables row rows column columns schema postgres"
                 " postgresql mysql nosql mongodb dynamodb query queries transaction transactions acid"),
    "concurrency": (1.0, "thread threads process processes concurrency concurrent parallel lock locks mutex"
                    " race deadlock async await coroutine gil semaphore"),
    "scaling": (1.0, "scale scalable scalability horizontal vertical shard sharding partition replica"
                " replication load_balancer autoscaling throughput"),
    "api": (1.0, "api apis endpoint endpoints rest http request requests response graphql grpc"),
    "testing": (1.0, "test tests testing unit integration mock mocks coverage tdd assert pytest"),
    "security": (1.0, "security secure auth authentication authorization token tokens jwt oauth encrypt"
                 " encryption hash hashing password passwords xss csrf injection vulnerability tls"),
    "performance": (1.0, "performance latency slow fast speed optimize profile profiling bottleneck"
                    " throughput memory cpu"),
    "messaging": (1.0, "queue queues message messages kafka rabbitmq sqs pubsub event events consumer"
                  " producer stream"),
    "consistency": (1.0, "consistency consistent eventual eventually strong cap availability quorum"),
    "deploy": (1.0, "deploy deployment deployments release releases rollout rollback canary"
               " blue-green kubernetes docker container containers ci cd pipeline"),
    "monitoring": (1.0, "monitor monitoring alert alerts alerting logging logs observability tracing"
                   " dashboard sla slo watch watching observe observing"),
    "complexity": (1.0, "complexity big-o runtime algorithm efficient log_n o_n"),
    "ml_model": (1.0, "model models training overfit overfitting regularization validation feature"
                 " features bias variance precision recall"),
    "market": (1.0, "market markets segment segments share competitor competitors competition demand"),
    "growth": (0.5, "growth grow grew expand expansion increase scale"),
    "churn": (1.0, "churn retention retain retained cancel cancellations attrition loyalty renew renewal"),
    "launch": (1.0, "launch launched product go-to-market rollout pilot introduce"),
    "operations": (0.5, "operations supply inventory logistics capacity staffing wait throughput"),
    "health": (0.5, "patient patients medication medications dose nurse nurses doctor physician triage"
               " chart care discharge clinical"),
    "education": (0.5, "student students teacher class classroom lesson lessons parent parents curriculum"
                  " grade grades"),
    **{name: (1.0, members) for name, members in COMPETENCIES.items()},
}  # fmt: skip
