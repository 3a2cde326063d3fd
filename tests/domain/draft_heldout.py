# ruff: noqa: E501  (messages as people write them: one paragraph a line)
"""A held-out labelled set, written without reading the checker."""

from tests.domain.draft_corpus import ex

HELD_OUT = [
    # ---------------------------------------------------------------- good (no faults)
    ex(
        """Dear Ms. Alvarez,

Thank you for taking the time to meet with me on Tuesday about the Operations Analyst role. I enjoyed hearing how your team is moving the weekly inventory reports off spreadsheets, and I came away even more interested in the position.

When you asked about forecasting, I only mentioned my coursework. I should have added that at Harlow Freight I rebuilt our demand forecast in Python, which cut stock-outs at our two largest depots by about a fifth. I think that experience would carry over directly to the migration you described.

Best regards,
Daniel Okafor""",
        "thanks enthusiasm fit detail",
        "",
    ),
    ex(
        """Dear Priya,

Thank you for your time yesterday and for showing me round the studio. It was a pleasure to meet the team, and I'm very keen on the role.

Kind regards,
Tom Whitfield""",
        "thanks enthusiasm",
        "",
    ),
    ex(
        """Dear Mr. Henderson,

I hope you are well. When we spoke on 3 March you mentioned that the team hoped to make a decision by the end of last week, so I wanted to check whether there is any update on the Junior Accountant position. I remain very interested in joining Marsh & Cole.

Kind regards,
Aisha Rahman""",
        "enthusiasm",
        "",
    ),
    ex(
        """Dear Mr. Kowalski,

Thank you very much for the interview on Monday and for your time. I am still very much interested for the position of Warehouse Supervisor. During the interview I forgot to tell that I have also the forklift instructor certificate, which I got last year in Poznan, so I could help with training the new staff you mentioned for the second shift.

With best regards,
Marek Nowak""",
        "thanks enthusiasm fit detail",
        "",
    ),
    ex(
        """Hello Sarah,

I'm following up on my email of 12 May about the Customer Success Manager role. I understand these decisions can take time, and I'd be grateful for any update on the timeline when you have a moment. I'm still very interested in the position.

Best,
Jordan Lee""",
        "enthusiasm",
        "",
    ),
    ex(
        """Dear Mr. Patel,

Thank you again for your time last week and for the thoughtful conversation about the Data Engineer role. I wanted to let you know that I have accepted another offer, so I would like to withdraw my application. I wish you and the team every success with the platform rebuild.

Kind regards,
Lena Fischer""",
        "thanks",
        "",
    ),
    ex(
        """Dear Ms. Osei,

Thank you for letting me know about your decision, and for the time you and Mark spent interviewing me. Although I'm disappointed, I would really value any feedback you could share on how I might strengthen my application in future.

Best wishes,
Chloe Barker""",
        "thanks",
        "",
    ),
    ex(
        """Dear Mrs Grant,

Thank you for inviting me in on Thursday to teach the Year 9 lesson and to meet the department. I really enjoyed the day and would love to join the school. We touched on the reading intervention group I ran at St Anne's last year, where most of a weak set moved up two grades in a term, and I'd be glad to bring that approach to your new GCSE reading programme.

With best wishes,
Hannah Doyle""",
        "thanks enthusiasm fit",
        "",
    ),
    ex(
        """Hi Mr Davies,

Thankyou for your time on wednesday, I realy enjoyed hearing about the new site and I am very interested in the role. Looking forward to hear from you.

Regards
Kieran""",
        "thanks enthusiasm",
        "",
    ),
    ex(
        """Dear Ms. Chen,

Thank you for meeting with me this morning. I've been thinking about your question on how I would handle a client who disputes an invoice, and I don't think my answer did it justice. In practice I would start by pulling the signed scope and the timesheets, walk the client through them on a call rather than by email, and offer a credit only where we had genuinely fallen short. That is how I resolved both of the disputes I handled at Brightline last year.

Best regards,
Rafael Moreno""",
        "thanks fit detail",
        "",
    ),
    ex(
        """Dear [Hiring Manager],

Thank you for taking the time to speak with me about the [Job Title] position at [Company Name]. I am very excited about the opportunity to join your team. I believe my experience in [relevant skill] would make me a strong fit.

Sincerely,
[Your Name]""",
        "enthusiasm",
        "",
    ),
    ex(
        """Dear Mr. Ibrahim,

Thank you for your time on Friday. I especially enjoyed our discussion about [topic from the interview] and left even more excited about the role.

Best regards,
Nadia Haddad""",
        "thanks",
        "",
    ),
    ex(
        """Dear Dr Whitaker,

Many thanks for your time on Tuesday and for the candid discussion about the lab's funding pressures. I remain keen on the Lab Manager post. Having run procurement and compliance for a forty-person group at Leeds through two HTA inspections, I believe I could take much of the administrative load off your PIs quickly.

Yours sincerely,
Gareth Morgan""",
        "thanks enthusiasm fit",
        "",
    ),
    ex(
        """Dear Ms. Romero,

Thank you for your time today and for walking me through the onboarding process.

Best,
Sam Whitley""",
        "thanks",
        "",
    ),
    ex(
        """Dear Sir/Madam,

I had interview for the post of Accounts Assistant on 14th of this month and it was told the result will come by 28th. Kindly I want to know the status of my application.

Thanking you,
Ravi Kumar""",
        "",
        "",
    ),
    ex(
        """Hi Alex,

Thanks again for your time on Monday. One thing I didn't get to mention: my notice period has since been shortened, so I could now start from 3 June rather than in July. I'm still very keen on the role.

Best,
Morgan Ellis""",
        "thanks enthusiasm detail",
        "",
    ),
    ex(
        """Dear Ms. Lindqvist,

Thank you for informing me about the decision and for the time you gave me during the interview process. I would be grateful if you could give me some feedback about my interview, so I can improve myself for the next opportunities. I wish you and the team all the best.

Kind regards,
Yusuf Demir""",
        "thanks",
        "",
    ),
    ex(
        """Dear Jared,

I'd like to know if I'm still being considered for the Marketing Coordinator position. I have received another offer with a deadline of Friday, but your role remains my first choice, so I wanted to check in before I decide.

Kind regards,
Emily Sato""",
        "enthusiasm",
        "",
    ),
    ex(
        """Hi Marcus,

Thanks so much for chatting with me this afternoon. I loved hearing how the support team built its own knowledge base from scratch; that is exactly the kind of work I want to be doing. A quick addition to my answer about tooling: I have also administered Zendesk for about two years, including setting up the macros and SLA rules, so I would be comfortable taking that over from day one.

Best,
Jess Romano""",
        "thanks enthusiasm fit detail",
        "",
    ),
    ex(
        """Dear Mr Hughes,

I hope you're well. You mentioned you expected to let candidates know by Wednesday about the Site Engineer role, so I thought I'd check in. Thank you again for your time at the interview.

Kind regards,
Owen Price""",
        "thanks",
        "",
    ),
    ex(
        """Dear Ms. Baker,

Thank you for meeting with me yesterday about the Payroll Specialist opening. I'm genuinely excited about the role. With my [X years] of experience in payroll, I'm confident I could hit the ground running.

Best regards,
Latoya Jenkins""",
        "thanks enthusiasm",
        "",
    ),
    ex(
        """Dear Ms. Nakamura,

Thank you for the conversation on Thursday. Following up on your question about grant reporting, I've attached a short, anonymised example of the quarterly impact report I produced for the Riverside Food Bank, which I didn't have with me on the day. I would be delighted to contribute to Open Doors' work.

Warm regards,
Beatriz Santos""",
        "thanks enthusiasm detail",
        "",
    ),
    ex(
        """Dear Ms. Clarke,

Thank you for your time this afternoon. I wanted to add one thing I forgot to mention in the interview: [add detail about certification]. I remain very enthusiastic about joining the team.

Kind regards,
Matt Fletcher""",
        "thanks enthusiasm",
        "",
    ),
    # ---------------------------------------------------------------- oversell
    ex(
        """Dear Mr. Grant,

Thank you for your time on Monday. I really enjoyed the conversation and I'm excited about the Sales Lead role. Frankly, I'd be the best hire you make this year.

Best,
Connor Walsh""",
        "thanks enthusiasm",
        "oversell",
    ),
    ex(
        """Dear Hiring Team,

Thank you for interviewing me. I am the perfect candidate for this position and I guarantee that I will double your revenue within six months. No one else you interview will have my drive.

Regards,
Brandon Miles""",
        "thanks",
        "oversell",
    ),
    ex(
        """Dear Mr. Schmidt,

Thank you for interviewing me for the [Position] role. I am confident I am the ideal candidate and will exceed every expectation you have. I look forward to hearing from you.

Regards,
Kevin Doyle""",
        "",
        "oversell",
    ),
    ex(
        """Dear Ms. Ortiz,

I'm following up again on the Account Executive role, as I haven't heard back since my last email. I know I'm the best fit for your team, and I'm sure you'll agree once you compare me with the others.

Regards,
Tyler Grant""",
        "",
        "oversell",
    ),
    ex(
        """Dear Mr. Brooks,

Thank you for taking the time to interview me for the Warehouse Operations Manager role. I enjoyed seeing the new picking system in action and I'm very interested in the position. With seven years running night shifts at a 24-hour distribution centre, I know how to keep throughput up with a lean team. Honestly, you won't find a better operations manager anywhere.

Regards,
Darren Cole""",
        "thanks enthusiasm fit",
        "oversell",
    ),
    # ---------------------------------------------------------------- repeat
    ex(
        """Dear Ms. Patel,

Thank you for meeting with me on Wednesday. As my résumé shows, I have over eight years of experience in project management, and I believe that makes me a strong fit. I look forward to hearing from you.

Sincerely,
Michael Torres""",
        "thanks",
        "repeat",
    ),
    ex(
        """Hi Daniel,

Thank you for the interview today. To recap my qualifications: proficient in Excel, SQL, Tableau, Power BI, Python, stakeholder management, Agile and Scrum, Jira and Confluence, with strong communication and problem-solving skills. I am very interested in the role.

Kind regards,
Ananya Iyer""",
        "thanks enthusiasm",
        "repeat",
    ),
    ex(
        """Dear Mr Clarke,

Thank you for your time yesterday. As outlined in my cover letter, I believe my background in retail management makes me well suited to the Area Manager role. I remain very keen.

Kind regards,
Sophie Hall""",
        "thanks enthusiasm",
        "repeat",
    ),
    ex(
        """Dear Mr. Ahmed,

I'm writing to follow up on my application for the IT Support Analyst role. I have attached my CV and cover letter again for your convenience, which set out my experience with Windows Server, Active Directory and Office 365. I remain very interested in the position.

Kind regards,
Fatima Khan""",
        "enthusiasm",
        "repeat",
    ),
    ex(
        """Dear Ms. Harrington,

Thank you for meeting with me. As you will have seen from my CV, I have led teams of up to 40 people, delivered projects worth over £2m, and hold PRINCE2, MSP and Six Sigma certifications. Quite simply, I am the strongest candidate you will see for this role.

Yours sincerely,
Richard Blake""",
        "thanks",
        "oversell repeat",
    ),
    ex(
        """Dear Hiring Manager,

Thank you for the opportunity to interview for the Marketing Manager position. Please refer to my application for full details of my experience and achievements. I hope you enjoyed the sunshine this weekend, it was glorious here in Brighton! I look forward to your decision.

Yours faithfully,
Claire Nolan""",
        "thanks",
        "repeat off-topic",
    ),
    # ---------------------------------------------------------------- linkedin
    ex(
        """Dear Ms. Moreau,

Thank you for your time today. I enjoyed learning about the localisation team's plans for next year, and I'm very interested in the role. Let's connect on LinkedIn!

Best,
Julien Marchand""",
        "thanks enthusiasm",
        "linkedin",
    ),
    ex(
        """Dear Mr. Osei,

Thank you for speaking with me on Thursday about the Procurement Officer position. I'm very interested in the role, and my experience negotiating supplier contracts for the county council would let me contribute to your vendor consolidation project straight away. I've also sent you a connection request on LinkedIn so we can stay in touch.

Kind regards,
Grace Mensah""",
        "thanks enthusiasm fit",
        "linkedin",
    ),
    ex(
        """Hey Sarah!!

Thanks for the chat today, it was super fun 😊 Added you on LinkedIn btw, hope that's cool!

Cheers,
Mia""",
        "thanks",
        "informal linkedin",
    ),
    ex(
        """Dear [Interviewer's Name],

Thank you for your time today. I enjoyed learning about [something you discussed]. I'd love to connect on LinkedIn to stay in touch.

Best,
Priyanka Shah""",
        "thanks",
        "linkedin",
    ),
    ex(
        """Dear Mrs. Fernandes,

Thank you for the interview yesterday, it was nice to know more about the company. I am very interested to work in your team as Quality Engineer. Also I have send you request on LinkedIn, please kindly accept it.

Best regards,
João Pereira""",
        "thanks enthusiasm",
        "linkedin",
    ),
    ex(
        """Dear Mr. Lindgren,

I'm checking in on the Backend Developer position, since the decision date you mentioned has passed. I'm still very interested, particularly in the payments migration you described. In the meantime, I'd be happy to connect on LinkedIn if that's convenient.

Best regards,
Oskar Berg""",
        "enthusiasm",
        "linkedin",
    ),
    # ---------------------------------------------------------------- off-topic
    ex(
        """Dear Mr. Reid,

I hope you had a great weekend at the match, what a finish! I'm following up on the Logistics Coordinator role, as you mentioned a decision would be made by last Friday. I'm still very interested.

Best regards,
Liam Byrne""",
        "enthusiasm",
        "off-topic",
    ),
    ex(
        """Dear Rachel,

Thank you so much for your time on Monday. I really enjoyed meeting you and the team, and I'm even more excited about the Content Editor role. By the way, I finally tried that ramen place near your office you recommended, and you were right, it's worth the queue! Also, it turns out my daughter has just started at the same school as yours. Small world.

Best wishes,
Helen Price""",
        "thanks enthusiasm",
        "off-topic",
    ),
    ex(
        """Dear Mr. Tan,

Thank you for the interview on Friday for the Clinical Research Coordinator position. My three years coordinating Phase II oncology trials at St. Luke's, including managing the IRB submissions, line up closely with the study start-up work you described. On a personal note, things are a bit chaotic here as we're moving house next week and the kids are off school, so apologies in advance if I'm slow to reply!

Best regards,
Mei Lin""",
        "thanks fit",
        "off-topic",
    ),
    ex(
        """Dear Ms. Carter,

Thank you for your time on Wednesday. After our conversation about the backlog in claims processing, I wanted to add something I didn't have a chance to mention: in my current role I introduced a triage checklist that cut our average handling time from nine days to five. Enjoy your holiday in Crete next week, I'm very jealous!

Kind regards,
Paul Hennessy""",
        "thanks fit detail",
        "off-topic",
    ),
    ex(
        """Hi Tom!!

Thanks a lot for yesterday's interview. How did the marathon go on Sunday?? I've been meaning to sign up for one myself, maybe next year haha. Anyway, I'm still really keen on the role.

Best,
Emma""",
        "thanks enthusiasm",
        "informal off-topic",
    ),
    # ---------------------------------------------------------------- informal
    ex(
        """Hi there!!

Just wanted to say thank you for your time on Tuesday. I'm really interested in the Graphic Designer role and would love to be part of the team.

Best,
Zoe Adams""",
        "thanks enthusiasm",
        "informal",
    ),
    ex(
        """hey mike, thx for yesterday, was awesome chatting w/ u guys. def still want the job lol, lmk whats next
- jay""",
        "thanks enthusiasm",
        "informal",
    ),
    ex(
        """Hiya Becky,

Cheers for your time yesterday, really enjoyed it! Fingers crossed I hear back soon, the job sounds dead good.

Ta,
Louise x""",
        "thanks enthusiasm",
        "informal",
    ),
    ex(
        """Hey Jennifer,

Thanks for taking the time to meet with me on Friday. I'm excited about the Financial Analyst role and the chance to work on the FP&A rebuild you described.

Best,
Nate Hollis""",
        "thanks enthusiasm",
        "informal",
    ),
]
