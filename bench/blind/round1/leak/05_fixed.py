import argparse
import json
import re

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import train_test_split
from sklearn.svm import LinearSVC
from sklearn.metrics import f1_score, classification_report


def clean(text):
    text = text.lower()
    text = re.sub(r"<br\s*/?>", " ", text)
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def parse_args():
    p = argparse.ArgumentParser(description="TF-IDF + linear SVM sentiment baseline")
    p.add_argument("--csv", default="data/reviews.csv")
    p.add_argument("--text-col", default="review")
    p.add_argument("--label-col", default="sentiment")
    p.add_argument("--max-features", type=int, default=50000)
    p.add_argument("--ngram-max", type=int, default=2)
    p.add_argument("--C", type=float, default=0.5)
    p.add_argument("--test-size", type=float, default=0.2)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--report", default="metrics.json")
    return p.parse_args()


def main():
    args = parse_args()
    frame = pd.read_csv(args.csv).dropna(subset=[args.text_col, args.label_col])
    texts = frame[args.text_col].astype(str).map(clean)
    labels = (frame[args.label_col] == "positive").astype(int).values

    txt_tr, txt_te, lab_tr, lab_te = train_test_split(
        texts, labels, test_size=args.test_size, random_state=args.seed, stratify=labels
    )

    vectorizer = TfidfVectorizer(
        max_features=args.max_features,
        ngram_range=(1, args.ngram_max),
        min_df=3,
        sublinear_tf=True,
    )
    docs_tr = vectorizer.fit_transform(txt_tr)
    docs_te = vectorizer.transform(txt_te)

    svm = LinearSVC(C=args.C)
    svm.fit(docs_tr, lab_tr)
    pred = svm.predict(docs_te)

    f1 = f1_score(lab_te, pred)
    print(classification_report(lab_te, pred, target_names=["negative", "positive"]))
    with open(args.report, "w") as fh:
        json.dump({"f1": f1, "vocab": len(vectorizer.vocabulary_)}, fh, indent=2)


if __name__ == "__main__":
    main()
