"""The forms that say each verb a sentence seldom leaves unsaid when it answers a question
asking about it ("born": "birth", "native"), for qa.predicates."""

from __future__ import annotations

import re

_NEW = r"(?-i:\bnew\b|\bNew(?= [a-z]))"
"""'new' said of a holder ("the new coach", "New coach Ann Lee"), not "New York"."""
_DEALS = r"deals?|agreements?|settlements?|accords?|pacts?|treat(?:y|ies)|compromises?|terms"
_MADE = r"reach(?:ed|es)?|str(?:uck|ike|ikes)|agreed|hammered out"
"""A deal reached, struck or agreed: said of it, signing ("a settlement reached with 46
states", "struck a deal"; not "reached the final", "struck twice")."""
PREDICATES = tuple((re.compile(asked), re.compile(said, re.IGNORECASE)) for asked, said in (
    (r"born", r"\bborn\b|\bbirth|\bnative\b|\bhails?\b"),
    (r"die[ds]?", r"\bdie[ds]?\b|\bdeath|\bdead\b|\bkill|\bdying\b|\bpassed away\b|"
                  r"\bvictims?\b|\blost (?:his|her|their) li|\bfatal"),
    (r"founded|founds|set up", r"\bfound(?:ed|er|ers|ing|s)?\b|\bset up\b|\bstart|"
                                     r"\bestablish|\blaunch|\bcreat|\bco-?found|\bformed\b"),
    (r"direct(?:ed|s|ing)?", r"\bdirect|\bhelm|\bfilm-?maker"),
    (r"wr[oi]te|written|writ(?:es|ing)", r"\bwr[oi]t|\bwritten\b|\bauthor|\bpen(?:s|ned|ning)\b|"
                                        r"\bscript|songwriter|\bnovel|\bis by\b|\bcolumn|\bdraft|"
                                        r"\blyric|\bpen\b|"
                                        r"\badapt|\bcompos|"
                          r"\barticles?\b|\bpost(?:s|ed|ing)?\b|\bblog|\bpublish|\breport"),
    (r"marr(?:y|ied)", r"\bmarr|\bwife\b|\bhusband\b|\bwed(?:s|ded|ding)?\b|\bengaged\b"),
    (r"coach(?:es|ed)?", r"\bcoach|\bmanag|\btrain|\bboss\b"),
    (r"chair(?:s|ed)", r"\bchair|\bpresid|\bconvener|\bhead|\blead|\bled\b|\bhost"),
    (r"arriv(?:e|es|ed)", r"\barriv|\breach|\bland(?:s|ed|ing)?\b|\bcom(?:e|es|ing)\b|\bcame\b|"
                         r"\bget there\b|\btake up\b|\btook up\b|\bstart|\bbegin|\bjoin"),
    (r"serve[ds]?", r"\bserv|\bterm\b|\btenure|\bheld\b|\bin office\b|\bwas (?:\w+ ){0,3}"
                   r"(?:minister|ambassador|president|chairman|head|leader|governor|mayor|"
                   r"secretary|chancellor|manager|coach|captain|director)\b|\bbec[oa]me\b|"
                   r"\bfrom (?:1[89]|20)\d\d\b|\buntil\b|\bbetween\b|\bsince\b|\bposted\b|"
                   r"\bspent\b|\bworked\b|\bspell\b|\bstint\b|\breign\b|\bcharge\b|"
                   r"\bsold\b|\boffer|\bmenu\b"),
    (r"open(?:s|ed)?", r"\bopen|\binaugurat|\blaunch|\bestablish|\bset up\b|\bunveil|"
                      r"\bstart|\bbegan\b|\bbegin"),
    (r"register(?:s|ed)?", r"\bregist|\bsign(?:s|ed)? up\b|\bset up\b|\bowner|\bowns?\b|"
                          r"\bbehind\b|\bcreat|\blaunch|\bbought\b"),
    (r"fled|flee(?:s|ing)?", r"\bfle[de]|\bfleeing\b|\bescap|\bexodus\b|\bleav|\bleft\b|"
                            r"\bdisplac|\brefugee|\bevacuat|\bcross(?:ed|ing)\b|\barriv"),
    (r"learn(?:s|ed|t)?", r"\blearn|\bfound out\b|\bfind out\b|\bdiscover|\baware\b|"
                         r"\b(?:was|were|been) (?:told|informed|briefed|notified|alerted)\b|"
                         r"\binformed of\b|\bnews (?:of|that)\b|\bheard\b"),
    (r"request(?:s|ed)?|ask(?:s|ed)?", r"\brequest|\bask|\bcall(?:s|ed)? for\b|\bsought\b|\bseek|"
                         r"\bdemand|\burg|\bbehest\b|\bappeal|\bpetition|\bconvene"),
    (r"announce[ds]?", r"\bannounc|\bsaid\b|\bsays?\b|\bdeclar|\bstatement|\bpledg|\bunveil|"
                      r"\bconfirm|\breveal|\bbacked\b|\bbacks?\b|\bexpress|\btold\b|"
                      r"\bnamed\b|\bappoint"),
    (r"headquartered", r"\bheadquarter|\bbased\b|\bhq\b|\bhead office"),
    (r"employ(?:s|ed)?", r"\bemploy|\bstaff|\bworkers\b|\bjobs\b|\bworkforce\b|\bpeople\b"),
    (r"produced|produce", r"\bproduc"),
    (r"umpired?|umpires|refereed?|referees|officiated?", r"\bumpir|\breferee|\bofficiat|"
                                                        r"\bin charge\b|\bwhistle"),
    (r"producing|produces", r"\bproduc|\boutput\b|\bmak(?:e|es|ing)\b|\bmade\b|\bmanufactur|"
                            r"\bpump|\byield|\bextract"),
    (r"cost|costs", r"\bcost|\bprice|\bworth\b|\bpa(?:id|y)\b|\bspen[dt]|\bbudget|\bcharg|"
                    r"\bfees?\b|\bfares?\b|\btickets?\b(?! sales)|\badmission\b|\bentry\b|"
                    r"\bcheap|\bexpensive|\bretail|\bat (?:a (?:mere |modest )?)?[£$€]"),
    (r"submit(?:ted|s)?", r"\bsubmi|\bentr(?:y|ies|ants?)\b|\bentered\b|\bapplica|\bapplied\b|"
                         r"\bnominat|\bput forward\b|\bsent\b|\breceiv"),
    (r"design(?:ed|s)?", r"\bdesign|\barchitect"),
    (r"lift off",
     r"\blaunch|\blift|\bblast|\btook off\b|\btake off\b|\bset off\b|\bdepart|"
     r"\binto (?:space|orbit)\b"),
    (r"vot(?:e|es|ed|ing)", r"\bvot|\bballot|\bpoll|\breferend|\bapprov|\bratif|\bpass(?:ed|es)?\b|"
                           r"\bdebat|\belect|\bback(?:s|ed)?\b|\breject|\bsupport"),
    (r"invent(?:ed|s)?", r"\binvent"),
    (r"manufactur(?:e|es|ed|ing)", r"\bmanufactur|\bmake[rs]?\b|\bmade\b|\bbuil[dt]|"
                                  r"\bproduc|\bsuppl|\bfirm\b|\bcompany\b|\bbrand(?:s|ed)?\b|\bby\b|"
                                  r"\bassembl|\bc(?:ame|omes?) from\b|(?-i:[A-Z][\w&-]*['’]s\b)"),
    # "play" a part (`_ACTING` asks it); a cast list says it "Buck (Gil Gerard)"
    (r"play(?:s|ed|ing)?", r"\bplay|\bportray|\bstar|\bcast\b|\brole|\bact(?:or|ress|s|ed|"
                           r"ing)?\b|\bpart\b|\bcharacter|\bvoice|"
                           r"(?-i:[A-Z][\w'’-]*\s+\([A-Z][\w'’-]*\s+[A-Z])"),
    (r"built|build", r"\bbuil[dt]|\bconstruct|\bcomplet|\bopened\b|"
                     r"\bopen(?:s|ing)?\s+(?:in|on|by|next|this)\b"),
    (r"owns?|owned", r"\bown(?:s|ed|er|ers|ership)?\b|\bstake\b|\bcontrol|\bshares?\b|"
                     r"\bb(?:ought|uy)\b|\bacqui"),
    (r"signed|signs?", r"\bsign|\bput (?:his|her|their) names?|\bjoin|\btransfer|\bdeal\b|"
                       r"\bcontract|\bmove\b|\brecruit|\bhired?\b|"
                       rf"\b(?:{_DEALS})\s+(?:(?:was|were|has been|had been)\s+)?(?:{_MADE})\b|"
                       rf"\b(?:{_MADE})\s+(?:(?:a|an|the|its|their)\s+)?(?:[\w$£€.-]+\s+){{0,2}}"
                       rf"(?:{_DEALS})\b"),
    (r"caused|causes?", r"\bcaus|\bbecause\b|\bdue to\b|\bblam|\btrigger|\bspark|\bresult|"
                      r"\bafter\b|\bled to\b|\bbrought on\b"),
    (r"leads?|leading|heads?|headed|heading", r"\bhead|\blead|\bled\b|\bchief|\bchair|"
                                            r"\bdirector|\bboss|\bcommand|\bruns\b|\bceo\b|"
                                            r"\bpresident|\bcaptain|\bmanag"),
    (r"represents?|represented", r"\brepresent|\bmp\b|\bseat\b|\bconstituen|\blawyer|"
                                r"\bsolicitor|\bagent\b|\bcounsel|\bvalu|\bpremium\b|\bworth\b|"
                                r"\bequal|\bamount|\baccount(?:s|ed|ing)? for\b|"
                                r"\bmak(?:e|es|ing) up\b"),
    (r"develop(?:ed|s)?", r"\bdevelop|\bmade\b|\bmaker|\bcreat|\bstudio|\bbuil[dt]"),
    (r"replace[ds]?|succeed(?:ed|s)?", r"\breplac|\bsucce(?:ed|ss)|\bt(?:ake|akes|aking|aken|"
                                       r"ook) over\b|\btakeover|\bappoint|\bnamed\b|"
                                       rf"\bstep(?:s|ped)? in|{_NEW}|\bunveil|\bconfirm|"
                                       r"\bhired?\b|\belect(?:s|ed|ing)?\b|\breins\b|"
                                       r"\bw[io]n (?:the |a )?(?:[\w-]+ )?election|"
                                       r"\binstead of\b|\b(?:dropped|dumped|axed|ditched|"
                                       r"overlooked|passed over)\b[^.]{0,40}\bin favou?r of\b|"
                                       r"\bin place of\b|\bchosen\b|\bbecom"),
    (r"compose[ds]?", r"\bcompos|\bscore\b|\bmusic by\b|\bsoundtrack|\bwr[oi]t|\bpenned\b"),
    (r"pa(?:y|id|ys)", r"\bpa(?:y|ys|id|ying|yments?|youts?)\b|\bcost|\bprice|\bworth\b|"
                      r"\bfund(?:s|ed|ing)?\b|\bfinanc|\bsponsor|\bgrants?\b|\bbankroll|"
                      r"\bfees?\b|\bb(?:ought|uy|uys|uying)\b|\bpurchas|\bacqui|\bsold\b|"
                      r"\bsale\b|\btakeover|\bdeal\b|\bbid\b|\boffer|\bspen[dt]|\bcompensat|"
                      r"\bsettle|\bwages?\b|\bsalar|\bearn|\bfined?\b|\bawarded\b|\bcharg|"
                      r"\bsign|\btransfer|\bjoin|\bmove[ds]?\b|\barriv|\bhand(?:ed)? over\b|"
                      r"\bshell(?:ed)? out\b|\b(?:gets?|got|receiv\w*|takes? home)\s+(?:a\s+)?"
                      r"(?:fee of\s+|sum of\s+)?[£$€]"),
    (r"b(?:ought|uy|uys)|purchased?|acquired?", r"\bb(?:ought|uy|uys|uyer|uying)\b|\bpurchas|"
                                              r"\bacqui|\bsold\b|\bsale\b|\bt(?:ake|akes|aking|"
                                              r"aken|ook) over\b|\btakeover|\bdeal\b|\bbid\b|"
                                              r"\bsign|\bjoin|\bmove\b|\btransfer|\bown|"
                                              r"\bsnapped up\b|\bpicked up\b|\bpaid\b|\bmerg|"
                                              r"\bcontrol"),
    (r"made|makes", r"\bma(?:de|ke|kes|ker|kers|king)\b|\bmanufactur|\bproduc|\bbuil[dt]|"
                    r"\bsuppl|\bdevelop|\bdesign"),
    (r"publish(?:ed|es)?", r"\bpublish|\bprint|\bimprint\b|\breleas|\bissued\b|"
                           r"\bcame out\b|\bout now\b|\breport"),
    (r"bec[oa]me|becomes", r"\bbec[oa]m|\bappoint|\bnamed\b|\belect|\bsworn\b|\bsince\b|"
                          r"\btook (?:up|over|office)\b|\bjoin|\bpromot|\bsucceed|\breplac|"
                          r"\bstep(?:s|ped)? up\b|\bhired?\b|\b(?-i:new)\b|\bgain|\bwon\b|"
                          r"\bachiev|\bturn(?:s|ed)? into\b"),
    (r"finish(?:ed|es)?|conclude[ds]?", r"\bfinish|\bcomplet|\bconclu|\bdone\b|\bend(?:s|ed)?\b|"
                                       r"\bresults?\b|\bfound\b|\bwrapped up\b|\bclosed\b|"
                                       r"\bover\b|\bcame\b|\bplaced?\b|\bran\b|"
                                       r"\b(?:first|second|third|fourth|fifth|last|\d+(?:st|nd|rd|th))\b"),
    (r"respond(?:ed|s)?|react(?:ed|s)?", r"\brespon|\brepl|\banswer|\breject|\baccept|\bdismiss|"
                                       r"\breact|\bsaid\b|\bsays?\b|\btold\b|\binsist|\brefus|"
                                       r"\bagree|\bwelcom|\bdenounc|\bcondemn|\bdenied\b|"
                                       r"\bdeny|\bstatement"),
    (r"tasked|mandated", r"\btask|\bmandat|\bmonitor|\bresponsib|\bcharged with\b|\boversee|"
                        r"\bsupervis|\bin charge\b|\bassigned\b"),
    (r"sentenced", r"\bsentenc|\bjail|\bprison|\bterm\b|\bcustod|\bbehind bars\b|\bgiven\b|"
                  r"\bserve\b"),
    (r"host(?:s|ed|ing)?", r"\bhost(?!(?<=\ba host) of\b)|\bpresent|\bcompere|\bcompère|"
                          r"\bemcee|\bfront|\bstag(?:e|es|ed|ing)\b|\bheld in\b|\bvenue\b"),
    (r"earn(?:s|ed|t)?", r"\bearn|\bpa(?:id|y)\b|\bsalar|\bwages?\b|\bincome|\bma(?:de|ke|kes)\b|"
                        r"\bprofit|\brevenue|\bturnover|\bsales\b|\btakings|\bgross|"
                        r"\bper (?:week|year|annum)\b|\ba (?:week|year)\b"),
    (r"appointed|hired", r"\bappoint|\bnamed\b|\bhired?\b|\bbec[oa]m|\btook (?:over|charge)\b|"
                        rf"\bjoin|\bsign|{_NEW}|\bsucce|\breplac|\bin charge\b|\bunveil|"
                        r"\bconfirm|\belect(?:s|ed|ing)?\b|\bchosen\b|\bselect"),
    (r"sa(?:y|id|ys)|tell|told", r"\bsa(?:y|ys|id|ying)\b|\bt(?:old|ell|ells)\b|\bstatement|"
                                r"\baccording\b|\bcall(?:ed|s|ing)?\b|\badd(?:ed|s)\b|\binsist|"
                                r"\bclaim|\bwarn|\bannounc|\bdescrib|\bargu|\bnot(?:ed|es)\b|"
                                r"\bwr(?:ote|ites|itten)\b|\btweet|\bquot|\bcomment|\bremark|"
                                r"\bdeclar|\bexplain|\bstress|\bden(?:y|ied|ies)\b|\brespon|"
                                r"\breject|\bsuggest|\burg|\bpromis|\bpledg|\badmit|\bconfirm|"
                                r"\breport(?:s|ed|ing)\b|\bletter\b|\binterview|\bspeech|"
                                r"\bexpress|\bvoic|[\"“”:]"),  # "expressed concern"
    (r"return(?:s|ed|ing)?", r"\breturn|back\b|\bhome\b|\brepatriat|\bresettl"),
    (r"refereed|referees?", r"\breferee|\bref\b|\bofficiat|\bwhistle|\bcharge\b|\bumpire|"
                            r"\boversee|\boversaw|\boverseen"),
    (r"scored", r"\bscor|\bgoal|\bnet(?:ted|s)?\b|\bstr(?:uck|ike)\b|\bmade it\b|\bheader\b|"
               r"\bwinner\b|\bpenalty|\bequalis|\bstrike"),
    (r"rul(?:e|es|ed)", r"\brul(?:e|es|ed|ing|ings)\b|\bverdict|\bjudg(?:e)?ments?\b|"
                       r"\bdecision|\bdecid"),
    (r"arrested|detained", r"\barrest|\bdetain|\bdetention|\bcustody|\bheld\b|\bholding\b|"
                            r"\bjail|\bimprison|\bprison|\bcaptur|\bseiz|\bapprehen|"
                            r"\bpicked\b.{0,20}\bup\b|\brounded\b.{0,20}\bup\b|\bremand|"
                            r"\bfor questioning\b|\bhanded (?:him|her|them)sel(?:f|ves) in\b|"
                            r"\bsurrendered to\b|\blocked up\b|\babduct|\bkidnap|\bextradit|"
                            r"\bhandcuff|\bled away\b|\bpolice cells?\b|\bbehind bars\b|"
                            r"\bcharged\b|\baccused of\b|\bsuspicion\b|\bsuspected of\b"),
    (r"release[ds]?", r"\breleas|\bopen|\bout\b|\bdebut|\blaunch|\bpremi[eè]re|\bon sale\b|"
                      r"\bhits?\s+(?:cinemas|screens|shops|stores|shelves)"),
    (r"choreograph(?:s|ed)?", r"\bchoreograph|\bdance (?:routines?|steps|moves)\b|\bcreat|"
                              r"\bstaged\b|\bdevis|\bmovement"),
    (r"blocked", r"\bblock|\bveto|\bstopp?(?:ed|ing|s)?\b|\bprevent|\boppos|\bobject|\bthwart|"
                 r"\bderail|\bscupper|\bhalt|\breject|\bagainst\b|\bclos(?:e|ed|es|ing)\b|"
                 r"\bbar(?:s|red|ring)?\b|\bvot(?:e|ed|es) down\b|\bprohibit|\bfilibust|"
                 r"\bban(?:s|ned|ning)?\b|"
                 r"\bstruck down\b|\bsuspend|\bfr(?:oze|eez)|\bheld up\b|\bturned down\b|\brefus|"
                 r"\bwithh[oe]ld"),
    (r"sp(?:eak|eaks|oke|oken)|talk(?:ed)?", r"\bspeak|\bspok|\btalk|\bcall(?:s|ed)?\b|\bphon|"
                                            r"\bmet\b|\bmeet|\bconvers|\bdiscuss|\bsa(?:id|ys?)\b|"
                                            r"\btold\b|\btell|\baddress|\bspeech|\bchat|"
                                            r"\binterview|\blanguage|\bfluent|\bheard\b|"
                                            r"\bcondemn|\bcriticis|\bcriticiz|\bslam|\bnegotiat|"
                                            r"\bteleph|[\"“”:]"),
    (r"fl(?:ew|own)", r"\bfl(?:y|ies|ew|own|ying|ights?)\b|\bairlift|\bplanes?\b|\baircraft\b|"
                      r"\bjets?\b|\bpilot|\btook off\b|\bland(?:s|ed|ing)?\b|\bserv|\broutes?\b|"
                      r"\btravel|\bcarr(?:y|ied|ies)\b|\boperat|\barriv"),
))
"""Verbs that a sentence seldom answers without one of their forms ("born": "birth",
"native"), with those forms."""
