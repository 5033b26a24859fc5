"""Seizure detection from per-patient EEG window features.

Usage:
    python train_eeg.py --features data/eeg_windows.parquet --folds 5
"""
import argparse
import json
import logging
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_selection import SelectKBest, mutual_info_classif
from sklearn.metrics import balanced_accuracy_score, roc_auc_score
from sklearn.model_selection import GroupKFold

log = logging.getLogger("eeg")


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--features", type=Path, required=True)
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--k-best", type=int, default=64)
    p.add_argument("--lr", type=float, default=0.05)
    p.add_argument("--out", type=Path, default=Path("runs/eeg"))
    return p.parse_args()


def load_windows(path):
    frame = pd.read_parquet(path)
    meta_cols = ["patient_id", "window_start", "seizure"]
    feats = frame.drop(columns=meta_cols).to_numpy(dtype=np.float32)
    return feats, frame["seizure"].to_numpy(), frame["patient_id"].to_numpy()


def build_model(lr):
    return HistGradientBoostingClassifier(learning_rate=lr, max_iter=400, early_stopping=False)


def run_cv(feats, target, groups, args):
    splitter = GroupKFold(n_splits=args.folds)
    scores = []
    for fold, (tr, va) in enumerate(splitter.split(feats, target, groups)):
        selector = SelectKBest(mutual_info_classif, k=args.k_best)
        feats_tr = selector.fit_transform(feats[tr], target[tr])
        feats_va = selector.transform(feats[va])
        log.info("fold %d kept %d features", fold, feats_tr.shape[1])
        model = build_model(args.lr)
        model.fit(feats_tr, target[tr])
        proba = model.predict_proba(feats_va)[:, 1]
        auc = roc_auc_score(target[va], proba)
        bacc = balanced_accuracy_score(target[va], proba > 0.5)
        log.info("fold %d  auc=%.4f  bacc=%.4f", fold, auc, bacc)
        scores.append({"fold": fold, "auc": auc, "bacc": bacc})
    return scores


def main():
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    args = parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    feats, target, groups = load_windows(args.features)
    log.info("%d windows from %d patients", len(target), len(np.unique(groups)))
    scores = run_cv(feats, target, groups, args)
    mean_auc = float(np.mean([s["auc"] for s in scores]))
    log.info("mean auc %.4f", mean_auc)
    (args.out / "cv_scores.json").write_text(json.dumps(scores, indent=2))


if __name__ == "__main__":
    main()
