# expect: clean
# val = df.sample(frac=...) and train = df.drop(val.index): the sample is the held-out side.
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("heart.csv")
val_frame = df.sample(frac=0.2, random_state=1337)
train_frame = df.drop(val_frame.index)
scaler = StandardScaler()
train_x = scaler.fit_transform(train_frame.drop(columns="target"))
val_x = scaler.transform(val_frame.drop(columns="target"))
clf = LogisticRegression().fit(train_x, train_frame["target"])
print(clf.score(val_x, val_frame["target"]))
