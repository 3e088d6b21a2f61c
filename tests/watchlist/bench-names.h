/* bench-names.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Name pools for the alert-list benchmark, most common first. Each name
 * is written three ways: as a list would hold it (native script or
 * accents), as a current passport's MRZ writes it (ICAO 9303), and in an
 * older or looser transliteration that travellers still carry. The
 * second and third are written out by hand here so that the benchmark
 * does not test the normaliser against itself. */

#pragma once

#include "bench-watchlist-gen.h"

#define N3(a, b, c) { a, b, c }
#define N1(a) { a, a, a }

static const BenchName arabic_family[] = {
  N1 ("HASSAN"), N1 ("ALI"), N3 ("AHMED", "AHMED", "AHMAD"), N1 ("IBRAHIM"), N3 ("MAHMOUD", "MAHMOUD", "MAHMUD"),
  N3 ("ABDULLAH", "ABDULLAH", "ABDALLAH"), N3 ("SALEH", "SALEH", "SALIH"), N1 ("KHALIL"), N3 ("HUSSEIN", "HUSSEIN", "HUSAYN"),
  N1 ("OMAR"), N3 ("YOUSEF", "YOUSEF", "YUSUF"), N1 ("HADDAD"), N1 ("NASSER"), N3 ("MANSOUR", "MANSOUR", "MANSUR"),
  N1 ("AL-RASHID"), N1 ("AL-HASHIMI"), N1 ("KHOURY"), N3 ("SAEED", "SAEED", "SAID"), N1 ("HAMDAN"), N1 ("ZAHRAN"),
  N1 ("BAKR"), N1 ("QASSEM"), N1 ("JABER"), N1 ("TAHA"), N1 ("SHARIF"),
};
static const BenchName arabic_given_m[] = {
  N3 ("MOHAMMED", "MOHAMMED", "MOHAMED"), N3 ("AHMED", "AHMED", "AHMAD"), N1 ("ALI"), N1 ("OMAR"),
  N3 ("YOUSEF", "YOUSEF", "YOUSSEF"), N3 ("KHALED", "KHALED", "KHALID"), N1 ("HASSAN"), N1 ("IBRAHIM"),
  N3 ("MAHMOUD", "MAHMOUD", "MAHMUD"), N3 ("ABDULLAH", "ABDULLAH", "ABDALLAH"), N1 ("HAMZA"), N1 ("TARIQ"),
  N1 ("SAMIR"), N3 ("MUSTAFA", "MUSTAFA", "MOSTAFA"), N1 ("ZIAD"), N1 ("FAISAL"), N1 ("WALEED"), N1 ("BILAL"),
};
static const BenchName arabic_given_f[] = {
  N3 ("FATIMA", "FATIMA", "FATMA"), N3 ("AISHA", "AISHA", "AICHA"), N3 ("MARYAM", "MARYAM", "MARIAM"),
  N3 ("ZAINAB", "ZAINAB", "ZEINAB"), N3 ("NOOR", "NOOR", "NOUR"), N1 ("LAYLA"), N1 ("SARA"), N3 ("HUDA", "HUDA", "HODA"),
  N1 ("RANA"), N1 ("SALMA"), N1 ("AMIRA"), N1 ("YASMIN"),
};

static const BenchName slavic_family[] = {
  N3 ("Иванов", "IVANOV", "IVANOV"), N3 ("Смирнов", "SMIRNOV", "SMIRNOV"), N3 ("Кузнецов", "KUZNETSOV", "KOUZNETSOV"),
  N3 ("Попов", "POPOV", "POPOV"), N3 ("Васильев", "VASILEV", "VASILYEV"), N3 ("Петров", "PETROV", "PETROV"),
  N3 ("Соколов", "SOKOLOV", "SOKOLOV"), N3 ("Михайлов", "MIKHAILOV", "MIKHAYLOV"), N3 ("Новиков", "NOVIKOV", "NOVIKOV"),
  N3 ("Фёдоров", "FEDOROV", "FYODOROV"), N3 ("Морозов", "MOROZOV", "MOROZOV"), N3 ("Волков", "VOLKOV", "VOLKOV"),
  N3 ("Алексеев", "ALEKSEEV", "ALEKSEYEV"), N3 ("Лебедев", "LEBEDEV", "LEBEDEV"), N3 ("Семёнов", "SEMENOV", "SEMYONOV"),
  N3 ("Егоров", "EGOROV", "YEGOROV"), N3 ("Павлов", "PAVLOV", "PAVLOV"), N3 ("Козлов", "KOZLOV", "KOZLOV"),
  N3 ("Шевченко", "SHEVCHENKO", "SHEVCHENKO"), N3 ("Ковальчук", "KOVALCHUK", "KOVALCHUK"),
  N3 ("Жуков", "ZHUKOV", "ZHUKOV"), N3 ("Щербаков", "SHCHERBAKOV", "SHCHERBAKOV"), N3 ("Юдин", "IUDIN", "YUDIN"),
};
static const BenchName slavic_given_m[] = {
  N3 ("Александр", "ALEKSANDR", "ALEXANDER"), N3 ("Сергей", "SERGEI", "SERGEY"), N3 ("Дмитрий", "DMITRII", "DMITRIY"),
  N3 ("Андрей", "ANDREI", "ANDREY"), N3 ("Алексей", "ALEKSEI", "ALEXEY"), N3 ("Максим", "MAKSIM", "MAXIM"),
  N3 ("Евгений", "EVGENII", "YEVGENIY"), N3 ("Иван", "IVAN", "IVAN"), N3 ("Михаил", "MIKHAIL", "MIKHAIL"),
  N3 ("Николай", "NIKOLAI", "NIKOLAY"), N3 ("Юрий", "IURII", "YURIY"), N3 ("Владимир", "VLADIMIR", "VLADIMIR"),
};
static const BenchName slavic_given_f[] = {
  N3 ("Елена", "ELENA", "YELENA"), N3 ("Ольга", "OLGA", "OLGA"), N3 ("Наталья", "NATALIA", "NATALYA"),
  N3 ("Татьяна", "TATIANA", "TATYANA"), N3 ("Юлия", "IULIIA", "YULIA"), N3 ("Анна", "ANNA", "ANNA"),
  N3 ("Мария", "MARIIA", "MARIYA"), N3 ("Ирина", "IRINA", "IRINA"), N3 ("Светлана", "SVETLANA", "SVETLANA"),
};
static const BenchName slavic_patronymic_m[] = {
  N3 ("Александрович", "ALEKSANDROVICH", "ALEXANDROVICH"), N3 ("Сергеевич", "SERGEEVICH", "SERGEYEVICH"),
  N3 ("Иванович", "IVANOVICH", "IVANOVICH"), N3 ("Петрович", "PETROVICH", "PETROVICH"),
  N3 ("Николаевич", "NIKOLAEVICH", "NIKOLAYEVICH"), N3 ("Владимирович", "VLADIMIROVICH", "VLADIMIROVICH"),
};
static const BenchName slavic_patronymic_f[] = {
  N3 ("Александровна", "ALEKSANDROVNA", "ALEXANDROVNA"), N3 ("Сергеевна", "SERGEEVNA", "SERGEYEVNA"),
  N3 ("Ивановна", "IVANOVNA", "IVANOVNA"), N3 ("Петровна", "PETROVNA", "PETROVNA"),
  N3 ("Николаевна", "NIKOLAEVNA", "NIKOLAYEVNA"), N3 ("Владимировна", "VLADIMIROVNA", "VLADIMIROVNA"),
};

static const BenchName chinese_family[] = {
  N3 ("王", "WANG", "WANG"), N3 ("李", "LI", "LI"), N3 ("张", "ZHANG", "ZHANG"), N3 ("刘", "LIU", "LIU"),
  N3 ("陈", "CHEN", "CHEN"), N3 ("杨", "YANG", "YANG"), N3 ("黄", "HUANG", "HUANG"), N3 ("赵", "ZHAO", "ZHAO"),
  N3 ("吴", "WU", "WU"), N3 ("周", "ZHOU", "ZHOU"), N3 ("徐", "XU", "XU"), N3 ("孙", "SUN", "SUN"), N3 ("马", "MA", "MA"),
  N3 ("朱", "ZHU", "ZHU"), N3 ("胡", "HU", "HU"), N3 ("郭", "GUO", "GUO"), N3 ("何", "HE", "HE"), N3 ("林", "LIN", "LIN"),
};
static const BenchName chinese_given[] = {
  N3 ("伟", "WEI", "WEI"), N3 ("芳", "FANG", "FANG"), N3 ("娜", "NA", "NA"), N3 ("敏", "MIN", "MIN"),
  N3 ("静", "JING", "JING"), N3 ("秀英", "XIUYING", "XIU YING"), N3 ("丽", "LI", "LI"), N3 ("强", "QIANG", "QIANG"),
  N3 ("磊", "LEI", "LEI"), N3 ("军", "JUN", "JUN"), N3 ("洋", "YANG", "YANG"), N3 ("勇", "YONG", "YONG"),
  N3 ("艳", "YAN", "YAN"), N3 ("杰", "JIE", "JIE"), N3 ("小明", "XIAOMING", "XIAO MING"), N3 ("建华", "JIANHUA", "JIAN HUA"),
  N3 ("志强", "ZHIQIANG", "ZHI QIANG"), N3 ("海燕", "HAIYAN", "HAI YAN"), N3 ("俊杰", "JUNJIE", "JUN JIE"),
};

static const BenchName spanish_family[] = {
  N1 ("GARCÍA"), N1 ("RODRÍGUEZ"), N1 ("MARTÍNEZ"), N1 ("HERNÁNDEZ"), N1 ("LÓPEZ"), N1 ("GONZÁLEZ"), N1 ("PÉREZ"),
  N1 ("SÁNCHEZ"), N1 ("RAMÍREZ"), N1 ("TORRES"), N1 ("FLORES"), N1 ("RIVERA"), N1 ("GÓMEZ"), N1 ("DÍAZ"),
  N3 ("MUÑOZ", "MUNOZ", "MUNOZ"), N3 ("NÚÑEZ", "NUNEZ", "NUNEZ"), N3 ("PEÑA", "PENA", "PENA"), N3 ("IBÁÑEZ", "IBANEZ", "IBANEZ"),
  N1 ("CASTILLO"), N1 ("VARGAS"), N1 ("ROMERO"), N1 ("HERRERA"), N1 ("MEDINA"), N1 ("AGUILAR"), N1 ("VEGA"),
};
static const BenchName spanish_given_m[] = {
  N1 ("JOSÉ"), N1 ("JUAN"), N1 ("LUIS"), N1 ("CARLOS"), N1 ("JORGE"), N1 ("MIGUEL"), N1 ("ALEJANDRO"), N1 ("FRANCISCO"),
  N1 ("ANTONIO"), N1 ("MANUEL"), N1 ("PEDRO"), N1 ("RICARDO"), N1 ("FERNANDO"), N1 ("JAVIER"),
};
static const BenchName spanish_given_f[] = {
  N1 ("MARÍA"), N1 ("ANA"), N1 ("GUADALUPE"), N1 ("CARMEN"), N1 ("LAURA"), N1 ("SOFÍA"), N1 ("VALENTINA"),
  N1 ("ISABEL"), N1 ("LUCÍA"), N1 ("PATRICIA"), N1 ("ROSA"), N1 ("ELENA"),
};

static const BenchName west_african_family[] = {
  N3 ("DIALLO", "DIALLO", "JALLOH"), N1 ("TRAORÉ"), N3 ("KONÉ", "KONE", "KONE"), N1 ("COULIBALY"), N1 ("CAMARA"),
  N3 ("KEÏTA", "KEITA", "KEITA"), N1 ("TOURÉ"), N1 ("DIOP"), N1 ("NDIAYE"), N1 ("SOW"), N1 ("BALDÉ"), N1 ("BARRY"),
  N1 ("OUÉDRAOGO"), N1 ("OKAFOR"), N1 ("OKONKWO"), N1 ("ADEYEMI"), N1 ("MENSAH"), N1 ("OWUSU"), N1 ("BOATENG"),
  N1 ("ASANTE"), N1 ("ADEBAYO"), N1 ("EZE"), N1 ("NWOSU"), N1 ("OYELARAN"),
};
static const BenchName west_african_given_m[] = {
  N1 ("MAMADOU"), N1 ("MOUSSA"), N1 ("IBRAHIMA"), N1 ("ABDOULAYE"), N1 ("AMADOU"), N1 ("OUSMANE"), N1 ("KWAME"),
  N1 ("KOFI"), N1 ("CHUKWUEMEKA"), N1 ("OLUWASEUN"), N1 ("EMEKA"), N1 ("BABATUNDE"), N1 ("SEYDOU"),
};
static const BenchName west_african_given_f[] = {
  N1 ("FATOUMATA"), N1 ("AMINATA"), N1 ("MARIAM"), N1 ("AWA"), N1 ("KADIATOU"), N1 ("ADJOA"), N1 ("AMA"),
  N1 ("NGOZI"), N1 ("CHIAMAKA"), N1 ("FOLAKE"), N1 ("ADAEZE"),
};

static const BenchName south_asian_family[] = {
  N1 ("SINGH"), N1 ("KUMAR"), N1 ("SHARMA"), N1 ("PATEL"), N1 ("KHAN"), N1 ("GUPTA"), N1 ("SHAH"), N1 ("DAS"),
  N1 ("REDDY"), N1 ("RAO"), N1 ("IYER"), N3 ("MUKHERJEE", "MUKHERJEE", "MUKHERJI"), N3 ("CHOWDHURY", "CHOWDHURY", "CHAUDHARY"),
  N3 ("HOSSAIN", "HOSSAIN", "HUSSAIN"), N1 ("RAHMAN"), N1 ("VERMA"), N1 ("JOSHI"), N1 ("NAIR"), N1 ("BANERJEE"),
  N1 ("SRIVASTAVA"), N1 ("CHATTERJEE"), N1 ("MALHOTRA"),
};
static const BenchName south_asian_given_m[] = {
  N3 ("MOHAMMAD", "MOHAMMAD", "MOHAMMED"), N1 ("RAHUL"), N1 ("AMIT"), N1 ("RAJESH"), N1 ("SANJAY"), N1 ("SURESH"),
  N1 ("VIJAY"), N1 ("ANIL"), N1 ("GURPREET"), N1 ("HARPREET"), N1 ("ARJUN"), N1 ("VIKRAM"), N1 ("IMRAN"),
};
static const BenchName south_asian_given_f[] = {
  N1 ("PRIYA"), N1 ("SUNITA"), N1 ("ANJALI"), N1 ("POOJA"), N1 ("NEHA"), N1 ("KAVITA"), N1 ("LAKSHMI"),
  N1 ("FATIMA"), N1 ("SHABNAM"), N1 ("DEEPIKA"), N1 ("MEERA"),
};

static const BenchName nordic_family[] = {
  N3 ("Müller", "MUELLER", "MULLER"), N1 ("Schmidt"), N1 ("Schneider"), N1 ("Fischer"), N1 ("Weber"), N1 ("Meyer"),
  N1 ("Wagner"), N1 ("Becker"), N1 ("Hansen"), N1 ("Johansson"), N1 ("Andersson"), N1 ("Nielsen"), N1 ("Jensen"),
  N3 ("Sørensen", "SOERENSEN", "SORENSEN"), N1 ("Larsson"), N3 ("Öberg", "OEBERG", "OBERG"), N3 ("Björk", "BJOERK", "BJORK"),
  N3 ("Schäfer", "SCHAEFER", "SCHAFER"), N3 ("Krüger", "KRUEGER", "KRUGER"), N3 ("Größer", "GROESSER", "GROSSER"),
  N1 ("Lindqvist"), N3 ("Åberg", "AABERG", "ABERG"), N1 ("Halvorsen"), N1 ("Eriksson"),
};
static const BenchName nordic_given_m[] = {
  N3 ("Jürgen", "JUERGEN", "JURGEN"), N1 ("Hans"), N1 ("Peter"), N1 ("Thomas"), N1 ("Michael"), N1 ("Lars"),
  N3 ("Björn", "BJOERN", "BJORN"), N3 ("Søren", "SOEREN", "SOREN"), N1 ("Erik"), N1 ("Klaus"), N1 ("Stefan"), N1 ("Magnus"),
};
static const BenchName nordic_given_f[] = {
  N1 ("Anna"), N1 ("Maria"), N3 ("Åsa", "AASA", "ASA"), N1 ("Ingrid"), N1 ("Sabine"), N1 ("Katarina"), N1 ("Karin"),
  N3 ("Jürgina", "JUERGINA", "JURGINA"), N1 ("Sigrid"), N1 ("Linnea"), N1 ("Astrid"),
};

/* Syllables for the long tail of rare names, per culture. */
static const char *arabic_syll[] = { "AB", "DUL", "RA", "HIM", "SA", "LEH", "KHA", "LID", "NA", "SIR", "JA", "MAL", "FA", "RID", "ZA", "HIR", NULL };
static const char *slavic_syll[] = { "VO", "RO", "NOV", "KO", "VAL", "SKI", "LEV", "ZA", "RUB", "TSEV", "GO", "ROD", "MI", "LOV", "BE", "REZ", NULL };
static const char *chinese_syll[] = { "XIAO", "HUA", "MING", "JIAN", "GUO", "YU", "TING", "HAO", "RUI", "XUAN", "ZI", "HAN", "YI", "CHEN", NULL };
static const char *spanish_syll[] = { "VAL", "DE", "RRA", "MA", "CAS", "TI", "LLO", "BER", "NAL", "ES", "CO", "BAR", "ROS", "QUE", NULL };
static const char *west_african_syll[] = { "A", "DE", "OLU", "WA", "KA", "MA", "NDI", "YE", "BO", "KU", "SE", "FU", "TO", "GBE", NULL };
static const char *south_asian_syll[] = { "RA", "JA", "SHEK", "HAR", "AN", "VI", "KRI", "SHNA", "DEV", "PRA", "KASH", "MAN", "DI", "TYA", NULL };
static const char *nordic_syll[] = { "BERG", "LUND", "STROM", "HOLM", "GREN", "DAHL", "SKOG", "FORS", "VIK", "HAGEN", "MANN", "STEIN", NULL };
