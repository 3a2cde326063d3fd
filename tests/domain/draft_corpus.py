"""A labelled set of follow-up messages for measuring the draft checker.

Each message is written the way job seekers write them, from the seeds' advice (seed 004's four
points and its don'ts, seed 002's "refer to something the interviewer said"). Labels say which of
the four points a careful reader finds in the message, and which don'ts it falls into. A sentence
that still holds a [placeholder] makes no point: it is not written yet.

`python -m tests.domain.draft_corpus` prints the checker's precision and recall on each label,
on this set (which the checker was written against) and on `draft_heldout.py` (written and
labelled by someone who had not read the checker).
"""

from __future__ import annotations

from dataclasses import dataclass

POINT_LABELS = ("thanks", "enthusiasm", "fit", "detail")
FAULT_LABELS = ("oversell", "repeat", "linkedin", "off-topic", "informal")


@dataclass(frozen=True)
class Example:
    text: str
    points: frozenset[str]
    faults: frozenset[str] = frozenset()


def ex(text: str, points: str = "", faults: str = "") -> Example:
    return Example(text.strip(), frozenset(points.split()), frozenset(faults.split()))


CORPUS: list[Example] = [
    # Good thank-you notes: all four points.
    ex(
        """Dear Priya,
Thank you for taking the time to meet me on Tuesday. I enjoyed hearing about the move to event
sourcing, and it left me excited about the role.
My experience leading the cache redesign fits what your team needs next.
One thing I would like to add to my answer on window functions: I have used them daily for two
years of reporting work.
Best regards,
Ada""",
        "thanks enthusiasm fit detail",
    ),
    ex(
        """Hi Marco,
Thanks again for the conversation yesterday about the data platform team. I am keen to help you
move the nightly jobs to streaming.
My background in Kafka operations at Lumen matches the migration you described.
I forgot to mention that I also ran the on-call rotation there for a year.
Kind regards,
Jun""",
        "thanks enthusiasm fit detail",
    ),
    ex(
        """Dear Ms. Okafor,
I appreciate the time you and Daniel spent with me this morning. Hearing how the clinic teams use
the scheduling tool made me even more interested in the product designer role.
I think my experience running research with nurses would help you with the rota screens.
I should have mentioned that I have shipped an accessible design system before, at Helix.
Sincerely,
Tom Reyes""",
        "thanks enthusiasm fit detail",
    ),
    ex(
        """Dear Sam,
Thank you for the interview on Friday. I really enjoyed our discussion about onboarding.
I believe my skills in support tooling are well suited to the team's plans.
To expand on your question about metrics: we cut first-response time by a third in six months.
Best,
Lena""",
        "thanks enthusiasm fit detail",
    ),
    ex(
        """Dear Mr. Chen,
I am grateful for your time today. The plans for the Lyon office sound exciting.
In my last role I built the reporting pipeline that the finance team still uses, which is close to
what you described.
One more thing: I hold the CFA level II, which I did not get to mention.
Regards,
Aisha""",
        "thanks enthusiasm fit detail",
    ),
    ex(
        """Dear Jo,
Thank you for showing me around the workshop on Monday. I am eager to join a team that builds its
own tools.
My background as a machinist fits the prototyping work you showed me.
Since we spoke, I have looked at the fixture problem you mentioned, and I have an idea I would be
glad to share.
Best regards,
Ravi""",
        "thanks enthusiasm fit detail",
    ),
    ex(
        """Hello Dr. Adeyemi,
Many thanks for meeting with me about the research engineer post. I would love to work on the
imaging pipeline you described.
I bring five years of work on microscope data, including the segmentation models you use.
I meant to say in the interview that I have also published the tool as open source.
With best wishes,
Clara""",
        "thanks enthusiasm fit detail",
    ),
    ex(
        """Dear Helen,
Thank you for your time on Wednesday. I left our conversation looking forward to the next steps.
My qualifications in payroll compliance match the audit work you need done this spring.
I would like to add that I led the move to the new payroll system at Brightwater.
Best regards,
Omar""",
        "thanks enthusiasm fit detail",
    ),
    # Good thank-you notes that leave a point out.
    ex(
        """Dear Priya,
Thank you for meeting me on Tuesday. I enjoyed hearing about the move to event sourcing.
Best regards,
Ada""",
        "thanks enthusiasm",
    ),
    ex(
        """Dear Marco,
Thank you for the conversation yesterday.
My experience with Kafka operations fits the migration you described.
Kind regards,
Jun""",
        "thanks fit",
    ),
    ex(
        """Dear Helen,
I am very interested in the payroll role and hope to hear from you.
Best regards,
Omar""",
        "enthusiasm",
    ),
    ex(
        """Dear Sam,
Following our interview, I forgot to mention that our team cut first-response time by a third.
Best,
Lena""",
        "detail",
    ),
    ex(
        """Dear Jo,
Thanks for Monday.
Ravi""",
        "thanks",
    ),
    ex(
        """Dear Ms. Okafor,
It was good to meet you and Daniel this morning. The clinic visit was a helpful insight into the
day-to-day work.
Sincerely,
Tom""",
        "",
    ),
    # Templates not filled in: the sentences with placeholders make no point.
    ex(
        """Dear [their first name],
Thank you for taking the time to talk with me on Tuesday 1 December about the Backend Engineer
role at Hooli. I enjoyed the conversation, especially hearing that [something they said].
It left me even more excited about the role. I think my experience fits what you need: [why you
fit, in one line].
One thing I would like to add to my answer about [an answer you want to add to]: [one short detail
you wish you had said].
I look forward to hearing about the next steps.
Best regards,
[your name]""",
        "thanks enthusiasm",
    ),
    ex(
        """Dear Priya,
Thank you for your time on Monday.
I think my experience fits what you need: [why you fit, in one line].
One thing I would like to add: [one short detail you wish you had said].
Best regards,
Ada""",
        "thanks",
    ),
    ex(
        """Dear [their first name],
[Thank them here.] I am [enthusiasm].
[why you fit, in one line]
Best,
[your name]""",
        "",
    ),
    ex(
        """Dear Noah,
I think my experience fits what you need: years of Go and PostgreSQL at scale.
One thing I would like to add to my answer about caching: [one short detail you wish you had said].
[your name]""",
        "fit",
    ),
    # Check-ins and second follow-ups.
    ex(
        """Dear Priya,
I hope you are well. I wanted to follow up on our conversation on Tuesday about the Backend
Engineer role. Could you let me know whether I am still being considered?
I am still very interested in the role. Thank you for your time.
Best regards,
Ada""",
        "thanks enthusiasm",
    ),
    ex(
        """Dear Marco,
You mentioned you hoped to decide by Friday, so I wanted to check in on the data platform role.
I remain keen to join the team, and I would be glad to send anything else you need.
Kind regards,
Jun""",
        "enthusiasm",
    ),
    ex(
        """Dear Helen,
I am writing to ask about the status of my application for the payroll specialist role.
Regards,
Omar""",
        "",
    ),
    ex(
        """Dear Sam,
Just a short note to check in on the support lead role. Thanks for any update you can share; I
am still excited about the chance to work with your team.
Best,
Lena""",
        "thanks enthusiasm",
    ),
    ex(
        """Dear Jo,
I know things are busy at this time of year. I am still very interested in the workshop role and
would appreciate any news on the timeline.
Best regards,
Ravi""",
        "thanks enthusiasm",
    ),
    ex(
        """Dear Dr. Adeyemi,
I wanted to follow up once more on the research engineer post. If the timing has changed, I
understand; I would still love to be considered.
With best wishes,
Clara""",
        "enthusiasm",
    ),
    ex(
        """Dear Mr. Chen,
Since we spoke, I passed the CFA level III exam, which I thought might be useful for your
decision. I remain interested in the analyst role. Thank you for your consideration.
Regards,
Aisha""",
        "thanks enthusiasm detail",
    ),
    # Overselling (seed 004: don't oversell).
    ex(
        """Dear Priya,
Thank you for the interview. I am the perfect candidate and I guarantee I am the best fit you will
ever find.
Ada""",
        "thanks",
        "oversell",
    ),
    ex(
        """Dear Marco,
Thanks for yesterday. You won't regret hiring me: nobody is better at Kafka than I am.
Jun""",
        "thanks",
        "oversell",
    ),
    ex(
        """Dear Helen,
Thank you for your time. I am an exceptional, outstanding and truly world-class payroll
professional, and I am excited to join.
Omar""",
        "thanks enthusiasm",
        "oversell",
    ),
    ex(
        """Dear Sam,
Thank you for meeting me. Look no further: I am exactly what you need for this team.
Lena""",
        "thanks",
        "oversell",
    ),
    ex(
        """Dear Jo,
Thanks for Monday. I am confident that I am the ideal candidate, and you would be missing out if
you chose anyone else.
Ravi""",
        "thanks",
        "oversell",
    ),
    ex(
        """Dear Dr. Adeyemi,
Thank you for the interview. I am the only person who can make this pipeline work, and my
background in imaging is unmatched.
Clara""",
        "thanks fit",
        "oversell",
    ),
    ex(
        """Dear Mr. Chen,
Thank you for your time. Frankly, no other candidate will be as qualified as me, and I am eager to
prove it.
Aisha""",
        "thanks enthusiasm",
        "oversell",
    ),
    ex(
        """Dear Noah,
Thank you for the chat. I think I am the best candidate for this role and I guarantee results in
my first month.
Sam""",
        "thanks",
        "oversell",
    ),
    # Not overselling, though a strong word appears once.
    ex(
        """Dear Priya,
Thank you for the interview. The best part was hearing about your on-call changes, and I am excited
about the role.
Ada""",
        "thanks enthusiasm",
    ),
    ex(
        """Dear Marco,
Thanks for yesterday. Your team's work on the streaming platform is impressive, and I am keen to
contribute.
Jun""",
        "thanks enthusiasm",
    ),
    # Repeating the application (seed 004: don't regurgitate).
    ex(
        """Dear Priya,
Thank you for the interview. As I said in my cover letter, I have eight years of backend
experience.
Ada""",
        "thanks",
        "repeat",
    ),
    ex(
        """Dear Marco,
Thanks for yesterday. As you can see from my resume, I have worked with Kafka at three companies.
Jun""",
        "thanks",
        "repeat",
    ),
    ex(
        """Dear Helen,
Thank you for your time. I have attached my CV again so you have it to hand, and I am still keen.
Omar""",
        "thanks enthusiasm",
        "repeat",
    ),
    ex(
        """Dear Sam,
Thank you for meeting me. To recap my qualifications: support lead at two startups, Zendesk admin,
and a degree in psychology.
Lena""",
        "thanks",
        "repeat",
    ),
    ex(
        """Dear Jo,
Thanks for Monday. My skills: welding, CNC milling, CAD, lathe work, sheet metal, quality control
and inventory.
Ravi""",
        "thanks fit",
        "repeat",
    ),
    ex(
        """Dear Dr. Adeyemi,
Thank you for the interview. As mentioned in my application, I completed my PhD in 2019 and have
published twelve papers.
Clara""",
        "thanks",
        "repeat",
    ),
    ex(
        """Dear Mr. Chen,
Thank you for your time. As outlined in my résumé, I worked at Fidelity, Vanguard and Schwab.
Aisha""",
        "thanks",
        "repeat",
    ),
    ex(
        """Dear Noah,
Thank you for the chat. I know Python, Go, Rust, SQL, Kafka, Kubernetes, Terraform and React.
Sam""",
        "thanks",
        "repeat",
    ),
    # LinkedIn requests (seed 004: wait until the process is over).
    ex(
        """Dear Priya,
Thank you for the interview. I have also sent you a connection request on LinkedIn.
Ada""",
        "thanks",
        "linkedin",
    ),
    ex(
        """Dear Marco,
Thanks for yesterday. I would love to connect on LinkedIn so we can stay in touch.
Jun""",
        "thanks enthusiasm",
        "linkedin",
    ),
    ex(
        """Dear Helen,
Thank you for your time. I hope you don't mind that I sent a LinkedIn invitation.
Omar""",
        "thanks",
        "linkedin",
    ),
    ex(
        """Dear Sam,
Thank you for the interview. I enjoyed reading your LinkedIn post about onboarding afterwards.
Lena""",
        "thanks enthusiasm",
    ),
    # Off-topic (seed 004: keep it professional and focus on the job).
    ex(
        """Dear Jo,
Thanks for Monday. By the way, did you catch the football match on Saturday? What a finish.
Ravi""",
        "thanks",
        "off-topic",
    ),
    ex(
        """Dear Dr. Adeyemi,
Thank you for the interview. On a personal note, I hope your holiday in Portugal goes well; my wife
and I loved Porto.
Clara""",
        "thanks",
        "off-topic",
    ),
    ex(
        """Dear Mr. Chen,
Thank you for your time. We should grab a coffee some time, whatever happens with the role.
Aisha""",
        "thanks",
        "off-topic",
    ),
    ex(
        """Dear Noah,
Thank you for the chat. My dog had surgery this week, so sorry if I seemed distracted.
Sam""",
        "thanks",
        "off-topic",
    ),
    # Too casual (seed 004: err on the side of formality).
    ex(
        """Hey Priya!!
Thx for the interview, it was super fun lol. Can't wait to hear back!
Ada""",
        "thanks enthusiasm",
        "informal",
    ),
    ex(
        """Hey Marco,
Thanks for the chat, gonna be awesome working with you guys 🚀
Jun""",
        "thanks",
        "informal",
    ),
    ex(
        """Yo Sam, thanks for today. I'm really keen on the role.
Lena""",
        "thanks enthusiasm",
        "informal",
    ),
    ex(
        """Dear Jo,
Thank you for Monday, haha, I hope I did not ramble too much about lathes.
Ravi""",
        "thanks",
        "informal",
    ),
    # More faults together.
    ex(
        """Hey Helen!!
As I said in my cover letter, I am the perfect candidate. Let's connect on LinkedIn!
Omar""",
        "",
        "oversell repeat linkedin informal",
    ),
    ex(
        """Dear Noah,
Thank you for the chat. As stated in my CV, I am the best candidate you will ever find.
Sam""",
        "thanks",
        "oversell repeat",
    ),
    # Withdrawals, feedback requests and replies: no point is wanted, and none is faulty.
    ex(
        """Dear Priya,
Thank you for considering me for the Backend Engineer role. I have accepted another offer, so I
would like to withdraw my application. I enjoyed meeting the team.
Ada""",
        "thanks enthusiasm",
    ),
    ex(
        """Dear Marco,
Thank you for letting me know. I would appreciate any feedback on my interview that could help me
in future applications.
Jun""",
        "thanks",
    ),
    ex(
        """Dear Helen,
Tuesday at 10:00 works well for me. I will call the number in your email.
Omar""",
        "",
    ),
    ex(
        """Dear Lena,
A recruiter from Hooli may call you this week about the Backend Engineer role. They will probably
ask about the migration we led together.
Ada""",
        "",
    ),
    ex(
        """Dear Sam,
I understand the team has decided to go with another candidate. Could you share what I could have
done better?
Lena""",
        "",
    ),
    ex(
        """Dear Clara,
Please expect a call from Dr. Adeyemi's office. They are keen to hear about the imaging project.
Ravi""",
        "enthusiasm",
    ),
]


def measure(corpus: list[Example] = CORPUS) -> dict[str, tuple[float, float, int]]:
    """For each label: (precision, recall, how many examples carry it)."""
    from followup.domain.draft_check import faults, has_point

    figures = {}
    for label in POINT_LABELS + FAULT_LABELS:
        hits = misses = false_alarms = 0
        for example in corpus:
            if label in POINT_LABELS:
                said = has_point(example.text, label)
                truth = label in example.points
            else:
                said = label in faults(example.text)
                truth = label in example.faults
            hits += said and truth
            misses += truth and not said
            false_alarms += said and not truth
        precision = hits / (hits + false_alarms) if hits + false_alarms else 1.0
        recall = hits / (hits + misses) if hits + misses else 1.0
        figures[label] = (precision, recall, hits + misses)
    return figures


if __name__ == "__main__":
    from tests.domain.draft_heldout import HELD_OUT

    tuned, held = measure(CORPUS), measure(HELD_OUT)
    print(f"| | written against ({len(CORPUS)}) | | held out ({len(HELD_OUT)}) | |")
    print("| point | precision | recall | precision | recall |")
    print("|---|---|---|---|---|")
    for label in tuned:
        (p1, r1, n1), (p2, r2, n2) = tuned[label], held[label]
        print(f"| {label} ({n1}, {n2}) | {p1:.2f} | {r1:.2f} | {p2:.2f} | {r2:.2f} |")
