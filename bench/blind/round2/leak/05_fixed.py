"""Telecom churn: cross-validated logistic regression with class rebalancing."""
import argparse
import logging
import sys

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.utils import resample

logger = logging.getLogger(__name__)

CAT_COLS = ["contract", "payment_method", "internet_service", "region"]
NUM_COLS = ["tenure_months", "monthly_charges", "total_charges", "support_calls", "data_gb"]
LABEL = "churned"


def get_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("csv")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--C", type=float, default=0.5)
    ap.add_argument("--seed", type=int, default=13)
    return ap.parse_args(argv)


def rebalance(frame, seed):
    major = frame[frame[LABEL] == 0]
    minor = frame[frame[LABEL] == 1]
    minor_up = resample(minor, replace=True, n_samples=len(major), random_state=seed)
    return pd.concat([major, minor_up]).sample(frac=1.0, random_state=seed).reset_index(drop=True)


def make_pipeline_for(C):
    prep = ColumnTransformer([
        ("num", StandardScaler(), NUM_COLS),
        ("cat", OneHotEncoder(handle_unknown="ignore"), CAT_COLS),
    ])
    return Pipeline([("prep", prep), ("clf", LogisticRegression(C=C, max_iter=2000))])


def cross_validate(frame, args):
    labels = frame[LABEL].to_numpy()
    inputs = frame[NUM_COLS + CAT_COLS]
    skf = StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=args.seed)
    aucs, f1s = [], []
    for k, (fit_idx, val_idx) in enumerate(skf.split(inputs, labels)):
        fit_part = rebalance(frame.iloc[fit_idx], args.seed)
        pipe = make_pipeline_for(args.C)
        pipe.fit(fit_part[NUM_COLS + CAT_COLS], fit_part[LABEL].to_numpy())
        p = pipe.predict_proba(inputs.iloc[val_idx])[:, 1]
        aucs.append(roc_auc_score(labels[val_idx], p))
        f1s.append(f1_score(labels[val_idx], p >= 0.5))
        logger.info("fold %d: auc=%.4f f1=%.4f", k, aucs[-1], f1s[-1])
    return np.array(aucs), np.array(f1s)


def main(argv=None):
    args = get_args(argv)
    logging.basicConfig(stream=sys.stdout, level=logging.INFO, format="[%(levelname)s] %(message)s")
    frame = pd.read_csv(args.csv)
    frame["total_charges"] = pd.to_numeric(frame["total_charges"], errors="coerce").fillna(0.0)
    logger.info("rows=%d churn rate=%.3f", len(frame), frame[LABEL].mean())
    aucs, f1s = cross_validate(frame, args)
    logger.info("AUC %.4f +- %.4f | F1 %.4f +- %.4f", aucs.mean(), aucs.std(), f1s.mean(), f1s.std())
    return 0


if __name__ == "__main__":
    sys.exit(main())
