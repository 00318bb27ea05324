"""Word lists for the rule-based scorer: function words, cue words and phrases, and a concept map.

Lists are space-separated strings (phrases joined with ``_``) so they stay compact and easy to review.
Everything here is general interview English, not tied to any question.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A frozenset of the whitespace-separated words in ``text`` (``_`` joins a phrase)."""
    return frozenset(w.replace("_", " ") for w in text.split())


STOPWORDS = words(
    """a about above after again against all also am an and any are aren't as at be because been before being
    below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down
    during each either else ever every few for from further get gets got had hadn't has hasn't have haven't
    having he he'd he'll he's her here hers herself him himself his how i i'd i'll i'm i've if in into is
    isn't it it's its itself just let's me might more most much must mustn't my myself neither no nor not
    now of off on once only or other ought our ours ourselves out over own per quite rather really same
    shall she she'd she'll she's should shouldn't so some such than that that's the their theirs them
    themselves then there there's these they they'd they'll they're they've this those though through thus
    to too under until up upon us very via was wasn't we we'd we'll we're we've were weren't what what's
    when where which while who whom whose why will with within without won't would wouldn't yet you you'd
    you'll you're you've your yours yourself yourselves one ones like well still even already since s t d ll
    ve re m o y etc e g ie eg vs"""
)

#: Words common to interview questions that say nothing about the topic.
QUESTION_GENERIC = words(
    """tell describe explain walk give share talk discuss outline example examples time times situation
    situations experience experiences instance occasion moment scenario case approach approached handle
    handled
    handling deal dealt dealing would could please briefly specific specifically particular particularly
    think thought feel know say said mean answer question questions kind type sort way ways happen happened
    did do does make made go went take took get got use used need needed want wanted thing things something
    someone somebody anyone person people one two first past current previous recent recently ever walkthrough
    interview us me i you your yourself role job work worked working position company organization notice
    noticed next biggest greatest most least best worst hardest toughest proudest proud favorite favourite
    typically usually generally able successfully effectively ensure keep kept stay find found come came
    walk_me_through what's how's anything else actually many several across design designing system
    systems try large small set avoid significant various different build implement create investigate
    happens step steps consider considering considerations factors
    difference differences says tells asks asked
    diagnose evaluate analyse analyze assess decide respond go going look whether ways steps"""
)

#: Broad words: they carry a little topic signal but are in most answers.
BROAD = words(
    """team teams project projects work problem problems issue issues challenge challenges challenging
    difficult hard manage managed management goal goals result results process improve improved change
    changed changes decision decisions plan plans task tasks skill skills day days week weeks month
    months year
    years new good better best great important lead led help helped business customer customers client
    clients user users learn learned learnt colleague colleagues coworker coworkers co-worker teammate
    teammates manager managers boss employee employees staff people person someone supervisor peer peers
    stakeholder stakeholders member members group department organisation situation ask asked asking
    non bring brought around"""
)

#: Technical words too general to name what a question is about ("speed up queries", "performance").
GENERIC_TECH = words(
    """performance speed fast faster slow query queries data system service services request requests
    server servers application app code software scale scaling handle support feature features user users
    load traffic reliable reliability efficient efficiently improve work works working run running backend
    back-end frontend front-end architecture infrastructure platform solution increase increases decrease
    decreases rise drop change changes effect effects impact
    practical typical common overall general basic core end pattern patterns
    pipeline pipelines workflow workflows process processes tooling programme programmes program
    programs plan plans strategy framework procedure procedures put"""
)

FILLERS = words("um umm uh uhh uhm er erm ah ahh hmm mm mhm")
FILLER_PHRASES = words("you_know i_mean you_see like_i_said")
SOFT_FILLERS = words("basically literally actually totally honestly")

#: Sweeping claims: in a technical, design or case answer, an unqualified "always", "just", "simply" is a
#: red flag to interviewers (engineering claims hold under conditions), and often marks a wrong answer.
OVERCLAIM = words(
    """always basically just simply straightforward obviously definitely clearly guarantee guaranteed
    guarantees automatically perfect perfectly instantly the_best no_need don't_need doesn't_matter
    completely entirely totally of_course no_downside zero_risk impossible no_way"""
)
#: Quantifiers that sweep when unqualified but are ordinary in precise statements ("every node", "only if").
QUANTIFIERS = words("all every any only never")
#: Qualifications: conditions, exceptions, costs and likelihoods.
NUANCE = words(
    """depends it_depends unless however but although trade-off trade-offs tradeoff tradeoffs except caveat
    if whether risk downside cost might usually typically often rather_than"""
)

HEDGES = words(
    """maybe perhaps probably possibly guess i_think i_guess i_believe not_sure i'm_not_sure no_idea
    don't_know i_don't_know not_really kind_of sort_of something_like hopefully might_be i_suppose"""
)
IGNORANCE = words("i_don't_know no_idea not_sure i'm_not_sure never_heard haven't_used don't_remember")

VAGUE = words(
    """thing things stuff something somehow various etc whatever everything anything lots lot bunch many
    several some certain aspects areas stuff_like_that and_so_on and_stuff a_lot all_sorts different_things
    general generally overall results result outcomes success successful efficiency productivity
    performance making makes sure matter matters appropriate appropriately"""
)
#: Vague words that may name a real metric only with a concrete noun nearby.
VAGUE_REFERENTS = words(
    """things stuff everything results success efficiency productivity performance outcomes numbers metrics
    it them this that everyone everybody kpis output value synergy engagement morale"""
)

BUZZWORDS = words(
    """synergy synergies synergize leverage leveraged leveraging paradigm passionate go-getter
    results-driven result-driven detail-oriented self-starter team_player hard_worker dynamic proactive
    proactively best-in-class world-class cutting-edge next-level game-changer game_changer rockstar ninja
    guru visionary disruptive disrupt holistic seamless seamlessly value-add value-added move_the_needle
    think_outside_the_box outside_the_box circle_back low-hanging_fruit bandwidth empower empowered
    empowering impactful thought_leader thought_leadership best_practices win-win mission-critical
    results-oriented customer-centric data-driven growth_mindset value-driven innovative innovation
    strategic strategically robust streamline streamlined optimize optimized excellence 110 hundred_and_ten
    above_and_beyond deliver_results drive_results key_stakeholders alignment synergistic agile_mindset
    transformational transformative dynamic_environment fast-paced omnichannel north-star north_star
    pressure-test value_proposition unlock unlocked socialised socialized socialise socialize workstream
    workstreams fail-fast agility step-change operational_excellence future-proof value_chain
    radical_candour radical_candor psychological_safety co-create cross-functional_alignment mindset
    spearheaded spearhead journey playbook high-impact ecosystem learnings actionable insights
    core_competencies bring_to_the_table hit_the_ground_running wear_many_hats touch_base heavy_lifting
    paradigm_shift bleeding-edge extra_mile exceed_expectations exceeding_expectations memorable
    top_priority results-focused go-to_person self-motivated team-oriented people_person
    excellent_communication strong_communication communication_skills people_skills"""
)

#: Past-tense verbs that describe a state or feeling, not an action.
NON_ACTION_PAST = words(
    """needed wanted liked loved hoped wished seemed supposed guessed believed assumed felt thought knew was
    were had been used_to happened appeared remained stayed worried feared hated enjoyed preferred expected
    noticed realized realised learned learnt"""
)
IRREGULAR_PAST = words(
    """made took met wrote built led ran set spoke sat told gave found began brought chose drove got held kept
    sent spent taught went did put broke caught dealt left paid rang saw sought sold stood understood won drew
    grew rewrote rebuilt bought cut split shut hit let read rode shook stuck swept threw upheld withdrew
    oversaw undertook overcame undid foresaw"""
)
#: Adverbs allowed between "I" and its verb ("I then called ...").
VERB_ADVERBS = words(
    """then also first immediately quickly personally finally just actually really eventually again
    initially later soon carefully directly still always never often calmly even proactively usually
    sometimes generally typically normally mostly definitely probably basically"""
)
OPINION_VERBS = words("think believe feel guess suppose hope wish know mean like love want need am was")

SETTING_NOUNS = words(
    """team company startup firm agency hospital clinic ward unit store shop restaurant school classroom
    department office project client customer account site plant warehouse branch lab shift role job
    internship organization organisation university practice campaign launch product release program
    programme nonprofit charity bank agency call_center contact_center kitchen hotel factory district"""
)

UNITS = words(
    """% percent percentage pct points point minutes minute mins min hours hour hrs hr days day weeks week
    months month years year seconds second secs sec ms milliseconds us microseconds ns dollars dollar usd
    eur euros pounds gbp $ £ € k m bn million millions billion billions thousand thousands hundred hundreds
    x times fold people users customers clients patients students staff employees engineers members
    colleagues nurses doctors agents reps tickets requests calls orders items units sales deals leads
    accounts visits beds shifts cases errors bugs incidents defects complaints issues tasks projects
    releases deployments stores sites locations countries languages servers nodes machines instances
    gb mb tb kb qps rps tps rpm requests_per_second ratings stars reviews downloads signups subscribers
    pages lines tests features stories points applicants candidates hires interviews sessions classes
    lessons grades families residents volunteers vendors suppliers partners products skus miles km kg lbs"""
)

#: Units of physical quantities and time: a figure in one of these is a measurement or a threshold (135°F,
#: 2 hours, 10 mg, 230 V), not the kind of impact figure ("300%", "$2M", "10x") that gets invented.
PHYSICAL_UNITS = words(
    """degrees degree celsius fahrenheit kelvin mg mcg kg ml litres liters litre liter psi kpa volts volt amps
    amp ma watts watt kw kwh mw hz khz mhz ghz mm cm metres meters km inches inch feet ft lb lbs oz nm rpm
    seconds second secs sec ms milliseconds minutes minute mins min hours hour hrs hr gb mb tb kb"""
)

#: Metrics: a number near one of these is about something measurable.
METRIC_NOUNS = words(
    """time wait latency cost costs revenue sales profit margin churn retention conversion rate rates error
    errors defects throughput uptime downtime availability satisfaction nps csat score scores budget spend
    savings turnover attendance backlog queue response resolution delivery accuracy traffic load usage
    capacity headcount price pricing volume share growth lead_time cycle_time readmissions falls infections
    complaints incidents tickets bugs coverage speed memory cpu size"""
)

NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "hundred": 100, "thousand": 1000, "million": 1_000_000, "half": 0.5, "double": 2,
    "doubled": 2, "tripled": 3, "halved": 0.5, "dozen": 12, "dozens": 24, "twice": 2,
}  # fmt: skip

#: Technical adjectives that sound like design but say nothing on their own (count half a buzzword).
TECH_BUZZ = words(
    """scalable highly_scalable distributed reliable resilient performant robust cloud-native event-driven
    highly_available high_availability fault-tolerant fault_tolerance massive_scale at_scale self-healing
    state-of-the-art enterprise-grade modern low_latency high_performance future-proof seamless
    bulletproof battle-tested blazing lightning-fast"""
)

#: Generic claims: how one usually behaves, instead of what one did.
GENERIC = words(
    """usually sometimes always generally typically normally often whenever in_general i_always i_try
    i_tend i_like_to i_make_sure you_need you_have_to you_should it's_important it_is_important the_key_is
    is_key the_most_important i_believe i_feel every_time as_a_rule in_my_experience"""
)

#: Cue categories: one token or phrase can belong to several. Phrases are written with ``_``.
CUES: dict[str, frozenset[str]] = {
    "situation": words(
        """at_my_previous at_my_last at_my_current at_my_old at_my_first in_my_previous in_my_last
        in_my_current in_my_first in_my_role in_my_last_role when_i_was when_i_worked when_i_joined
        when_i_started while_i_was while_working while_at during_my during_a during_the during_our
        last_year last_month last_quarter last_summer last_semester last_spring last_fall last_winter
        last_week a_few_years_ago a_few_months_ago years_ago months_ago a_year_ago previously back_in
        there_was there_were we_were_in i_was_working i_was_a i_was_an i_was_the i_worked_as
        i_was_leading i_was_managing our_team our_company our_client the_team_was the_company_was
        at_the_time at_that_time context background one_time once_when a_time_when recently
        in_2015 in_2016 in_2017 in_2018 in_2019 in_2020 in_2021 in_2022 in_2023 in_2024 in_2025"""
    ),
    "task": words(
        """my_role my_job my_task my_responsibility my_goal my_objective my_assignment my_part my_focus
        i_was_responsible i_was_asked i_was_tasked i_was_assigned i_was_in_charge i_was_accountable
        i_was_expected i_needed_to i_had_to i_have_to i_need_to the_goal_was the_objective_was
        the_task_was the_challenge_was the_problem_was the_issue_was our_goal_was the_aim_was
        my_priority i_wanted_to i_decided_to it_was_up_to_me it_was_on_me i_took_ownership
        i_took_responsibility i_took_the_lead i_took_charge i_owned in_charge_of responsible_for
        we_needed_to we_had_to needed_to had_to deadline goal objective target asked_me tasked"""
    ),
    "result": words(
        """as_a_result result_was results_were the_result outcome the_outcome impact resulted
        resulting_in led_to in_the_end ultimately eventually ended_up by_the_end afterwards
        after_that since_then from_then_on reduced increased improved cut saved grew raised boosted
        decreased dropped lowered shortened doubled tripled halved eliminated recovered retained won
        delivered launched shipped finished completed met hit exceeded passed achieved resolved closed
        on_time ahead_of_schedule under_budget on_budget went_from fell rose avoided prevented
        prevented_a got_back signed renewed promoted thanked praised recognized recognised adopted
        now_uses still_use still_uses became stopped returned stabilized stabilised no_further no_more
        zero came_back rolled_out calmed agreed accepted approved confirmed signed_off went_live
        went_well worked_out stuck relieved grateful thanked trust trusted feedback survey rating
        score scores the_following the_next_day the_next_week next_year from_then which_meant"""
    ),
    "reflection": words(
        """i_learned i_learnt i_realized i_realised lesson lessons taught_me going_forward next_time
        since_then i_now now_i i_always_now in_hindsight looking_back would_do_differently takeaway"""
    ),
    "explain": words(
        """because since so_that which_means this_means that_means therefore thus hence in_order_to
        the_reason works_by under_the_hood internally so_the which_is_why that's_why
        this_is_why as_a_result meaning in_other_words means_that the_idea the_key"""
    ),
    "explain_weak": words("so if otherwise unless means whereby depends_on"),
    "example": words(
        """for_example for_instance such_as e_g say_you imagine like_when in_my_last in_one_project
        in_practice in_production at_work in_my_experience i_once i_used we_used consider"""
    ),
    "tradeoff": words(
        """however trade-off trade-offs tradeoff tradeoffs trade_off trade_offs downside downsides
        drawback drawbacks overhead alternatively alternative alternatives instead on_the_other_hand
        whereas versus vs compared_to compared_with it_depends depends_on_whether pros cons limitation
        limitations
        at_the_expense_of at_the_cost_of unless rather_than although the_cost the_catch the_risk
        the_price caveat but cost costs penalty slower more_complex complexity if_instead
        the_tradeoff the_trade-off weigh weighed option options"""
    ),
    "use_case": words(
        """i'd_use i_would_use i'd_choose i_would_choose i'd_pick i_would_pick prefer better_for
        best_for good_for works_well_when use_it_when when_to_use when_you_need in_practice choose
        pick_it i'd_go_with i_would_go_with i_use only_where only_when only_if i_reserve"""
    ),
    "consequence": words(
        """which_means so_that this_matters matters users_see impact performance latency cost reliability
        safety prevents avoids protects saves reduces improves faster cheaper safer risk"""
    ),
    "signpost": words(
        """first firstly second secondly third thirdly then next after_that finally lastly to_start
        to_begin in_summary to_summarize overall in_short step one_is another"""
    ),
    "requirements": words(
        """requirements requirement functional non-functional clarify clarifying clarification assume
        assumption assumptions scope scoping i'd_ask i_would_ask ask questions users dau mau qps
        read-heavy write-heavy sla latency availability durability consistency estimate estimates
        traffic per_second per_day peak constraints use_cases must should_support targets goal goals
        confirm understand volume volumes target i'd_confirm i'd_first success_criteria"""
    ),
    "components": words(
        """client clients api gateway api_gateway load_balancer load_balancers service services
        microservice microservices database databases db cache caches queue queues cdn storage
        worker workers server servers frontend backend endpoint endpoints web_server app_server
        blob object_storage s3 broker scheduler crawler index search_index notification_service
        websocket websockets stream layer tier"""
    ),
    "deep_dive": words(
        """schema table tables key keys primary_key partition_key hash hashing consistent_hashing
        index indexes indexed base62 id_generation snowflake algorithm data_model post get put
        delete json protocol http grpc tcp websocket ttl eviction lru write-through write-back
        write-behind idempotent idempotency retry retries backoff lock locking transaction
        transactions fan-out fanout bloom_filter counter token_bucket leaky_bucket heartbeat
        checksum dedup deduplication compaction batching pagination cursor"""
    ),
    "scale": words(
        """scale scaling scalable horizontally horizontal vertical shard shards sharding sharded partition
        partitions partitioning replica replicas replication replicate read_replicas cache caching cdn
        load_balancer autoscaling auto-scaling scale_out scale_up bottleneck bottlenecks hot_spot
        hotspot hot_key failover redundancy redundant multi-region region regions throughput qps
        rate_limit rate_limiting backpressure async asynchronous queue stateless elastic millions
        billions peak spike spikes high_availability volume load capacity grow growth surge staffing"""
    ),
    "framing": words(
        """clarify clarifying objective the_goal the_objective assume assuming assumption assumptions
        define hypothesis key_question first_i'd first_i_would i'd_start i_would_start break_down
        break_it_down framework structure success_looks_like scope i'd_ask i_would_ask understand
        before_diving to_frame the_question_is constraints make_sure sanity_check validate verify
        confirm first_check i'd_want_to_know i_would_want_to_know is_it_real approach plan"""
    ),
    "analysis": words(
        """revenue costs cost price pricing volume segment segments customers competitors competition
        market demand supply drivers driver factors factor root_cause margin margins profit
        profitability channel channels data compare comparing benchmark breakdown break_down funnel
        cohort trend trends churn retention acquisition capacity utilization unit_economics
        fixed_costs variable_costs look_at analyze analyse internal external split segment_by by_device
        by_channel by_region isolate narrow_down drill_down hypothesis hypotheses if_it's rule_out check
        mix baseline seasonality"""
    ),
    # Diagnostic moves: checking, splitting, comparing, hypothesising causes and testing them.
    "diagnose": words(
        """check checked checking confirm confirmed verify verified validate whether why cause causes caused
        causing root_cause segment segmented segmenting split splitting compare compared comparing
        before_and_after isolate isolated narrow_down drill_down drill_into break_down broken_down breakdown
        cohort cohorts funnel hypothesis hypotheses suspect suspects rule_out ruled_out pinpoint investigate
        investigating diagnose diagnosis correlate correlated coincide coincided what_changed changed is_it
        was_it did_it did_the look_at looking_at look_into looking_into sample samples trend trends pattern
        patterns baseline seasonality seasonal explanation explanations analyze analyse analyzing analysing
        analysis bridge branch branches decompose decomposition driver drivers reconcile reconciles either
        or_both pull_the_data pull_data suppose"""
    ),
    "recommend": words(
        """recommend recommendation i'd_recommend i_would_recommend my_recommendation i'd_suggest
        i_would_suggest we_should they_should should next_steps next_step in_conclusion to_conclude
        so_i'd so_i_would go_ahead pilot launch proceed i'd_prioritize my_advice bottom_line decision
        i'd_advise propose i'd_propose go_with i'd_go_with my_call report share present"""
    ),
    "risk": words(
        """risk risks mitigate mitigation downside monitor monitoring test pilot kpi kpis measure
        metrics success_metric fallback contingency sensitivity caveat watch_out"""
    ),
    "arith": words("x times multiplied divided per equals = * / roughly approximately about estimate around"),
}

#: Everyday English words: with the lists above they define which letter pairs look like English.
COMMON_WORDS = words(
    """add added address odd middle ladder buddy sudden hidden bubble cabbage egg eggs accept access accident
    account across act action active actual age agency agent ago agree ahead air allow almost alone along
    amount animal answer apply area argue arm army around arrive art article artist attack attention
    authority available avoid away baby back bad bag ball bank bar base basic beat beautiful become bed
    begin behavior believe benefit big bill bit black blood blue board body book born box boy break bring
    brother budget build building business buy call camera campaign cancer capital car card care career
    carry catch cause cell center central century certain chair challenge chance change character charge
    check child choice choose church citizen city civil claim class clear close coach cold collection
    college color come commercial common community company compare computer concern condition conference
    consider contain continue control cost could country couple course court cover create crime cultural
    culture cup current customer cut dark data daughter dead deal death debate decade decide decision deep
    defense degree democrat describe design despite detail determine develop difference difficult dinner
    direction director discover discuss disease doctor dog door draw dream drive drop drug during early
    east easy eat economic economy edge education effect effort eight either election else employee energy
    enjoy enough enter entire environment especially establish evening event everybody evidence exactly
    example executive exist expect experience expert explain eye face fact factor fail fall family far fast
    father fear federal feel few field fight figure fill film final finally financial find fine finger
    finish fire firm first fish five floor fly focus follow food foot force foreign forget form former
    forward four free friend front full fund future game garden gas general generation girl give glass go
    goal good government great green ground group grow growth guess gun guy hair half hand hang happen happy
    hard head health hear heart heat heavy help high history hit hold home hope hospital hot hotel hour
    house huge human hundred husband idea identify image imagine impact important improve include increase
    indeed indicate individual industry information inside instead institution interest interview into
    investment involve issue item itself job join just keep key kid kill kind kitchen know knowledge land
    language large last late later laugh law lawyer lay lead leader learn least leave left leg legal less
    letter level lie life light likely line list listen little live local long look lose loss lot love low
    machine magazine main maintain major majority make man manage manager many market marriage material
    matter maybe mean measure media medical meet meeting member memory mention message method middle might
    military million mind minute miss mission model modern moment money month morning mother mouth move
    movement movie much music myself name nation natural nature near nearly necessary need network never
    news newspaper next nice night none north note nothing notice number occur offer office officer official
    often oil old once open operation opportunity option order organization others outside owner page pain
    painting paper parent part participant particular partner party pass past patient pattern pay peace
    people perform perhaps period person personal phone physical pick picture piece place plan plant play
    player point police policy political poor popular population position positive possible power
    practice prepare present president pressure pretty prevent price private probably problem process
    produce product production professional professor program project property protect prove provide
    public pull purpose push put quality question quickly quite race radio raise range rate reach read
    ready real reality realize reason receive recent recently recognize record red reduce reflect region
    relate relationship religious remain remember remove report represent require research resource
    respond response rest result return reveal rich right rise risk road rock role room rule run safe same
    save scene school science scientist score sea season seat second section security see seek seem sell
    send senior sense series serious serve service set seven several shake share shoot short shot should
    shoulder show side sign significant similar simple simply since sing single sister sit site situation
    six size skill skin small smile social society soldier somebody someone something sometimes son song
    soon sort sound source south southern space speak special specific speech spend sport spring staff
    stage stand standard star start state statement station stay step still stock stop store story
    strategy street strong structure student study stuff style subject success successful such suddenly
    suffer suggest summer support sure surface system table take talk task tax teach teacher team
    technology television tell ten tend term test thank theory thing think third thought thousand threat
    three through throughout throw thus time today together tonight total tough toward town trade
    traditional training travel treat treatment tree trial trip trouble true truth try turn type under
    understand unit until upon usually value various very victim view violence visit voice vote wait walk
    wall want war watch water way weapon wear week weight well west western whatever wide wife will win
    wind window wish within without woman wonder word work worker world worry write writer wrong yard
    yeah year yes yet young yourself"""
)
