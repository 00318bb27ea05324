"""The concept map: words and phrases that name the same interview concept, for relevance matching.

A question word in a group is matched by any member in the answer. Groups with weight >= 0.8 name a
topic ("conflict", "cache"); lower weights mark broad domain groups that only hint at a topic.
"""

from __future__ import annotations

#: Concept map: each group lists words and phrases that name the same interview concept.
#: A question word in a group is matched by any member in the answer. Weight < 1 marks broad groups.
CONCEPT_GROUPS: dict[str, tuple[float, str]] = {
    "conflict": (1.0, "conflict conflicts disagree disagreed disagreement argument argued tension tensions"
                 " clash clashed dispute friction pushback pushed_back confront confrontation objection"
                 " objected resist resisted resistance differ differing difference_of_opinion disagreeing"
                 " compromise common_ground middle_ground mediate mediated clashing"),
    "difficult_person": (0.8, "difficult challenging tough frustrated upset angry rude demanding irate"
                         " uncooperative defensive hostile unhappy complain complained complaint complaints"
                         " aggressive dismissive annoyed escalated escalation badly poorly went_wrong"
                         " accusation accused hung_up shouted yelled rattled heated blew_up"),
    "anxiety": (1.0, "anxious anxiety nervous scared afraid fear fearful worried panic panicked phobia"
                " reassure reassured calm calmed"),
    "conversation": (0.9, "conversation conversations talk talked call called phone meeting spoke speak"
                     " discussion discussed chat emailed sat_down one-on-one"),
    "colleague": (0.9, "colleague colleagues coworker coworkers co-worker teammate teammates peer peers"
                  " team_member team_members counterpart partner developer developers engineer engineers"
                  " designer designers analyst analysts nurse nurses associate associates technician"
                  " specialist specialists rep reps"),
    "pressure": (1.0, "deadline deadlines pressure tight urgent urgency rush rushed crunch time-sensitive due"
                 " timeline timelines last_minute short_notice overdue late stress stressful behind"
                 " slipping slipped delayed delay delays catch_up back_on_track"
                 " schedule fast quickly hours days"),
    "failure": (1.0, "mistake mistakes failure failed fail error errors wrong blunder oversight missed miss"
                " setback regret fault dropped_the_ball messed_up slip discrepancy near-miss incorrect"),
    "rejection": (1.0, "reject rejected rejection turned_down hated didn't_like declined refused said_no"
                  " dismissed shot_down pushback pushed_back vetoed"),
    "design": (0.9, "design designs designer logo mockup mockups prototype layout brand rebrand wireframe"
               " wireframes sketch sketches concepts"),
    "customer": (0.5, "customer customers client clients patient patients user users guest guests shopper"
                 " buyer consumer consumers caller account accounts family families tenant visitor"),
    "lead": (1.0, "lead leader leadership led manage managed manager supervise supervised mentor mentored"
             " coach coached guide delegate delegated motivate motivated inspire oversee oversaw took_charge"
             " in_charge head direct directed"),
    "feedback": (1.0, "feedback criticism critique criticized review reviews comment comments input"
                 " suggestion suggestions constructive"),
    "priority": (1.0, "prioritize prioritise prioritized priority priorities triage juggle juggled multitask"
                 " competing balance balanced urgent important rank ranked workload backlog"),
    "change": (0.9, "change changes adapt adapted adaptable adjust adjusted pivot pivoted transition"
               " unexpected shift shifted reorganization restructure restructuring flexible new_system"),
    "communicate": (0.9, "communicate communicated communication explain explained present presented"
                    " presentation convey clarify simplify simplified non-technical audience jargon"
                    " analogy articulate"),
    "persuade": (1.0, "persuade persuaded convince convinced influence influenced buy-in pitch pitched"
                 " advocate advocated negotiate negotiated negotiation win_over won_over"),
    "improve": (0.5, "improve improved improvement optimize efficient efficiency faster reduce reduced"
                " increase increased enhance better fix fixed streamline"),
    "initiative": (1.0, "initiative proactive volunteer volunteered above_and_beyond on_my_own"
                   " without_being_asked extra ownership self-started went_out_of_my_way stayed_late"),
    "ethics": (1.0, "ethical ethics integrity honest honesty dishonest compliance policy violate violation"
               " report reported right_thing fraud confidential confidentiality"),
    "safety": (1.0, "safety safe unsafe risk hazard incident harm protocol procedure accident injury"
               " safeguard safeguards double-check double_check independent_check verification"),
    "weakness": (1.0, "weakness weaknesses weak struggle struggled working_on gap shortcoming improve"
                 " development area_of_improvement"),
    "strength": (1.0, "strength strengths strong good_at skill skills excel"),
    "motivation": (1.0, "motivate motivation motivated passion interest interested excite excited drive"
                   " mission career why_this apply applying join joining want_to_work values"),
    "self_intro": (1.0, "about_yourself background career experience currently years studied degree"
                   " journey introduce"),
    "learn": (1.0, "learn learned learnt learning taught new_skill study studied taught_myself"
              " self-taught course courses training ramp_up picked_up documentation docs tutorial"
              " tutorials book books"
              " practised practiced didn't_know read reading certification"),
    "decision": (1.0, "decide decided decision decisions choose chose choice judgment judgement option"
                 " options weigh weighed"),
    "ambiguity": (1.0, "ambiguity ambiguous unclear uncertain uncertainty incomplete vague unknown unknowns"),
    "data": (0.5, "data metric metrics analytics analysis dashboard measure measured kpi numbers"),
    "money": (0.5, "budget cost costs spend spending expense expenses money price pricing revenue profit"
              " margin savings dollars"),
    "sales": (1.0, "sale sales sell sold quota deal deals pipeline prospect prospects close closed"),
    "stakeholder": (0.5, "stakeholder stakeholders executive executives leadership management boss sponsor"
                    " vendor supplier"),
    "problem": (0.5, "problem problems issue issues obstacle incident outage crisis emergency bug"),
    "creative": (1.0, "creative creativity innovate innovative idea ideas novel experiment invented"),
    "teach": (1.0, "teach taught train trained training mentor onboard onboarded coach tutor student"
              " students lesson"),
    "quality": (0.9, "quality accuracy accurate detail details checklist standards audit double-check"),
    "remote": (1.0, "remote distributed virtual timezone timezones async"),
    "index": (1.0, "index indexes indices indexed b-tree btree lookup lookups scan scans seek clustered"),
    "cache": (1.0, "cache caching cached redis memcached ttl eviction evict invalidate invalidation lru"),
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
                   " dashboard sla slo"),
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
}  # fmt: skip
